"""Templates: the package that owns jinja2 (no module outside it imports jinja2).

- :mod:`.renderer`: :class:`CampaignRenderer`, a campaign's templates compiled once and
  rendered per subscriber into a :class:`Rendered`;
- :mod:`.compile`: compiling a campaign as Go templates or as jinja, into one value;
- :mod:`.sandbox`: the jinja2 sandbox and the limits on one subscriber's render
  (:data:`MAX_STEPS`, :data:`MAX_SECONDS`, :data:`MAX_OUTPUT`);
- :mod:`.data`: what jinja templates see (``Subscriber``, ``Campaign``) and listmonk's URL
  functions;
- :mod:`.listmonk`: listmonk's language on the renderer's side (the rewrites of its Go forms for
  jinja campaigns, markdown, the ``.Campaign`` and ``.Subscriber`` of Go campaigns).

The names below are this package's interface; modules of blaster import them from where they
are defined, so that importing one does not import all.
"""

from __future__ import annotations

from blaster.render.data import ZERO_UUID, CampaignData, SubscriberData
from blaster.render.listmonk import listmonk_compat, markdown_html
from blaster.render.renderer import CampaignRenderer, LinkResolver, Rendered
from blaster.render.sandbox import MAX_OUTPUT, MAX_SECONDS, MAX_STEPS
from blaster.render.sandbox import Sandbox as _Sandbox

__all__ = [
    "MAX_OUTPUT",
    "MAX_SECONDS",
    "MAX_STEPS",
    "ZERO_UUID",
    "CampaignData",
    "CampaignRenderer",
    "LinkResolver",
    "Rendered",
    "SubscriberData",
    "_Sandbox",
    "listmonk_compat",
    "markdown_html",
]
