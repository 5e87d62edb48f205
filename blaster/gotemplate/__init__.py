"""listmonk's template language: Go's ``text/template``/``html/template`` with Sprig and
listmonk's functions, parsed in Python and compiled to jinja2 with Go's semantics.

Layout (each module owns one concern):

- :mod:`.nodes`: the parse tree (Go's ``text/template/parse`` node kinds);
- :mod:`.parse`: lexer and parser, ``parse(source, name) -> TreeSet``;
- :mod:`.values`: Go's value semantics on Python values (printing as ``fmt`` does, truth,
  comparisons, argument conversion) and Go's builtin functions;
- :mod:`.gotime`: ``time.Time`` printing, Go layouts and Sprig's date functions;
- :mod:`.sprig`: Sprig's functions with Sprig's behaviour;
- :mod:`.escape`: ``html/template``'s contextual escaping;
- :mod:`.funcs`: the function registry (:class:`GoFunc`) shared by the modules above;
- :mod:`.compiler`: parse tree → jinja2 source.
"""
