// Command gotpl_oracle renders listmonk campaigns the way listmonk renders them, for the
// tests that compare blaster's Go-template engine with Go itself.
//
// It mirrors (it does not import) listmonk: the data types a template sees
// (models.Campaign, models.Subscriber, manager.CampaignMessage with the same field names,
// order, types and methods), the campaign functions of manager.TemplateFuncs, the generic
// functions of makeGnericFuncMap (Date, L, Safe and Sprig's GenericFuncMap without env,
// expandenv and getHostByName), the shorthand rewrites of models.regTplFuncs and the
// compilation steps of Campaign.CompileTemplate and CampaignMessage.render.
//
// Protocol: one JSON request per line on stdin, one JSON reply per line on stdout (flushed
// after each line, so that a test may keep the process open and talk to it interactively).
//
// Request:
//
//	{"id": any, "subject": "...", "body": "...", "template": "..." | null,
//	 "altbody": "..." | null, "headers": [{"X-Name": "value"}, ...],
//	 "content_type": "html|richtext|plain|markdown|visual",
//	 "campaign": {"id", "uuid", "name", "type", "from_email", "status", "tags", "attribs",
//	              "messenger", "archive", "created_at", "updated_at"},
//	 "subscribers": [{"id", "uuid", "email", "name", "attribs", "status",
//	                  "created_at", "updated_at"}],
//	 "root_url": "https://example.com", "individual_tracking": bool, "tracking": bool,
//	 "links": {"url": "link-uuid"}, "now": "RFC3339 time", "lang": {"key": "value"}}
//
// Reply:
//
//	{"id": any, "compile_error": "..." | null, "skipped": "..." | null,
//	 "results": [{"subject": "...", "body": "...", "altbody": "..." | null,
//	              "headers": [["X-Name", "value"], ...], "error": "..." | null}]}
//
// Determinism: the clock is the request's "now" (time.Local is set to its location, so
// Sprig's "Local" zone is that zone too); Date, and Sprig's now, ago, date, dateInZone,
// date_in_zone, htmlDate, htmlDateInZone and durationRound are replaced by versions that
// read that fixed clock instead of time.Now. Sprig's random functions (randAlpha, uuidv4,
// shuffle, bcrypt, genPrivateKey, encryptAES, ...) stay random: tests must not use them.
// TrackLink looks URLs up in the request's "links" map instead of listmonk's links table;
// a URL missing from the map behaves as a failed registration (the URL is returned as is).
// Markdown bodies are converted by goldmark with listmonk's settings, as listmonk does.
//
// Layout: the packages are named as listmonk's (models, manager, i18n) and as the libraries
// whose types templates see (null for volatiletech/null, pq for lib/pq, types for
// sqlx/types), so that %T, typeOf and errors name types as listmonk's do
// (*models.Campaign, pq.StringArray, models.JSON, null.Time, *i18n.I18n).
//
// Build (offline, from Debian's golang-go and golang-github-masterminds-sprig-dev): in
// GOPATH mode, with this directory as $GOPATH/src/gotpl_oracle and Debian's Go sources
// (/usr/share/gocode) on GOPATH:
//
//	mkdir -p "$DIR/src" && cp -r tests/gotpl_oracle "$DIR/src/"
//	GO111MODULE=off GOPATH="$DIR:/usr/share/gocode" go build -o oracle gotpl_oracle
//
// Debian ships Sprig v3 under its v1 import path (no /v3 directory), hence the import
// path github.com/Masterminds/sprig in package manager; in module mode it would be
// github.com/Masterminds/sprig/v3. (listmonk pins Sprig v3.3.0; Debian has v3.2.3.)
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"gotpl_oracle/i18n"
	"gotpl_oracle/manager"
	"gotpl_oracle/models"
	"gotpl_oracle/null"
	"gotpl_oracle/pq"
	"gotpl_oracle/types"
)

// ---- the protocol -----------------------------------------------------------------------------

type reqCampaign struct {
	ID        int             `json:"id"`
	UUID      string          `json:"uuid"`
	Name      string          `json:"name"`
	Type      string          `json:"type"`
	FromEmail string          `json:"from_email"`
	Status    string          `json:"status"`
	Tags      []string        `json:"tags"`
	Attribs   json.RawMessage `json:"attribs"`
	Messenger string          `json:"messenger"`
	Archive   bool            `json:"archive"`
	CreatedAt *time.Time      `json:"created_at"`
	UpdatedAt *time.Time      `json:"updated_at"`
}

type reqSubscriber struct {
	ID        int             `json:"id"`
	UUID      string          `json:"uuid"`
	Email     string          `json:"email"`
	Name      string          `json:"name"`
	Attribs   json.RawMessage `json:"attribs"`
	Status    string          `json:"status"`
	Lists     json.RawMessage `json:"lists"`
	CreatedAt *time.Time      `json:"created_at"`
	UpdatedAt *time.Time      `json:"updated_at"`
}

type request struct {
	ID                 any                 `json:"id"`
	Subject            string              `json:"subject"`
	Body               string              `json:"body"`
	Template           *string             `json:"template"`
	AltBody            *string             `json:"altbody"`
	Headers            []map[string]string `json:"headers"`
	ContentType        string              `json:"content_type"`
	Campaign           reqCampaign         `json:"campaign"`
	Subscribers        []reqSubscriber     `json:"subscribers"`
	RootURL            string              `json:"root_url"`
	IndividualTracking bool                `json:"individual_tracking"`
	Tracking           *bool               `json:"tracking"`
	Links              map[string]string   `json:"links"`
	Now                string              `json:"now"`
	Lang               map[string]string   `json:"lang"`
}

type result struct {
	Subject string      `json:"subject"`
	Body    string      `json:"body"`
	AltBody *string     `json:"altbody"`
	Headers [][2]string `json:"headers"`
	Error   *string     `json:"error"`
}

type reply struct {
	ID           any      `json:"id"`
	CompileError *string  `json:"compile_error"`
	Skipped      *string  `json:"skipped"`
	Error        *string  `json:"error,omitempty"` // a malformed request
	Results      []result `json:"results"`
}

func nullTime(t *time.Time) null.Time {
	if t == nil {
		return null.Time{}
	}
	return null.Time{Time: *t, Valid: true}
}

// attribs decodes a JSON object as listmonk's models.JSON.Scan does.
func attribs(raw json.RawMessage) (models.JSON, error) {
	out := models.JSON{}
	if len(raw) == 0 || string(raw) == "null" {
		return out, nil
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func strPtr(s string) *string { return &s }

func handle(req *request) reply {
	rep := reply{ID: req.ID, Results: []result{}}
	now := time.Unix(0, 0).UTC()
	if req.Now != "" {
		t, err := time.Parse(time.RFC3339Nano, req.Now)
		if err != nil {
			rep.Error = strPtr("now: " + err.Error())
			return rep
		}
		now = t
	}
	// Sprig's "Local" zone (date, htmlDate, toDate) is the zone of the fixed clock.
	time.Local = now.Location()

	cfg := &manager.Config{
		RootURL:            strings.TrimSuffix(req.RootURL, "/"),
		IndividualTracking: req.IndividualTracking,
		DisableTracking:    req.Tracking != nil && !*req.Tracking,
		Links:              req.Links,
		Now:                now,
		I18n:               i18n.New(req.Lang),
	}

	campAttribs, err := attribs(req.Campaign.Attribs)
	if err != nil {
		rep.Error = strPtr("campaign attribs: " + err.Error())
		return rep
	}
	headers := models.Headers{}
	if req.Headers != nil {
		headers = models.Headers(req.Headers)
	}
	c := &models.Campaign{
		Base: models.Base{
			ID:        req.Campaign.ID,
			CreatedAt: nullTime(req.Campaign.CreatedAt),
			UpdatedAt: nullTime(req.Campaign.UpdatedAt),
		},
		CampaignMeta: models.CampaignMeta{CampaignID: req.Campaign.ID},
		UUID:         req.Campaign.UUID,
		Type:         req.Campaign.Type,
		Name:         req.Campaign.Name,
		Subject:      req.Subject,
		FromEmail:    req.Campaign.FromEmail,
		Body:         req.Body,
		Status:       req.Campaign.Status,
		ContentType:  req.ContentType,
		Tags:         pq.StringArray(req.Campaign.Tags),
		Headers:      headers,
		Attribs:      campAttribs,
		Messenger:    req.Campaign.Messenger,
		Archive:      req.Campaign.Archive,
	}
	if req.AltBody != nil {
		c.AltBody = null.String{String: *req.AltBody, Valid: true}
	}
	if req.Template != nil {
		c.TemplateBody = *req.Template
	}

	if err := c.CompileTemplate(cfg.TemplateFuncs(c)); err != nil {
		rep.CompileError = strPtr(err.Error())
		return rep
	}

	for _, rs := range req.Subscribers {
		res := result{Headers: [][2]string{}}
		a, err := attribs(rs.Attribs)
		if err != nil {
			res.Error = strPtr("subscriber attribs: " + err.Error())
			rep.Results = append(rep.Results, res)
			continue
		}
		s := models.Subscriber{
			Base:    models.Base{ID: rs.ID, CreatedAt: nullTime(rs.CreatedAt), UpdatedAt: nullTime(rs.UpdatedAt)},
			UUID:    rs.UUID,
			Email:   rs.Email,
			Name:    rs.Name,
			Attribs: a,
			Status:  rs.Status,
			Lists:   types.JSONText(rs.Lists),
		}
		msg, err := cfg.NewCampaignMessage(c, s)
		if err != nil {
			res.Error = strPtr(err.Error())
			rep.Results = append(rep.Results, res)
			continue
		}
		res.Subject = msg.Subject()
		res.Body = string(msg.Body())
		if msg.Campaign.ContentType != "plain" && msg.Campaign.AltBody.Valid {
			res.AltBody = strPtr(string(msg.AltBody()))
		}
		for _, set := range manager.MessageHeaders(msg) {
			keys := make([]string, 0, len(set))
			for k := range set {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				res.Headers = append(res.Headers, [2]string{k, set[k]})
			}
		}
		rep.Results = append(rep.Results, res)
	}
	return rep
}

// safeHandle turns a panic (a bug here, or in a function a template called that panics
// outside template execution's own recovery) into an error reply.
func safeHandle(req *request) (rep reply) {
	defer func() {
		if r := recover(); r != nil {
			rep = reply{ID: req.ID, Error: strPtr(fmt.Sprintf("oracle panic: %v", r)), Results: []result{}}
		}
	}()
	return handle(req)
}

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req request
			var rep reply
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				rep = reply{Error: strPtr("bad request: " + jerr.Error()), Results: []result{}}
			} else {
				rep = safeHandle(&req)
			}
			if eerr := enc.Encode(rep); eerr != nil {
				fmt.Fprintln(os.Stderr, "encode:", eerr)
				os.Exit(1)
			}
			out.Flush()
		}
		if err != nil {
			return
		}
	}
}
