// Package models mirrors the parts of listmonk's models package that templates see: the
// Campaign and Subscriber types (same field names, order, types and methods) and
// Campaign.CompileTemplate with the shorthand rewrites of regTplFuncs.
package models

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	txttpl "text/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"

	"gotpl_oracle/null"
	"gotpl_oracle/pq"
	"gotpl_oracle/types"
)

// Template names, as listmonk's.
const (
	BaseTpl    = "base"
	ContentTpl = "content"
)

// JSON is listmonk's models.JSON: attributes decoded by encoding/json (numbers are float64).
type JSON map[string]any

// Value returns the JSON encoding (database/sql's Valuer, as listmonk's; a template
// reaching .Attribs.Value calls it rather than reading an attribute "Value").
func (s JSON) Value() (driver.Value, error) {
	return json.Marshal(s)
}

// Scan decodes JSON text (database/sql's Scanner, as listmonk's).
func (s JSON) Scan(b any) error {
	if b == nil {
		return nil
	}
	if data, ok := b.([]byte); ok {
		return json.Unmarshal(data, &s)
	}
	return fmt.Errorf("could not not decode type %T -> %T", b, s)
}

// Headers is listmonk's models.Headers.
type Headers []map[string]string

// Base holds common fields shared across models.
type Base struct {
	ID        int       `db:"id" json:"id"`
	CreatedAt null.Time `db:"created_at" json:"created_at"`
	UpdatedAt null.Time `db:"updated_at" json:"updated_at"`
}

// CampaignMeta mirrors listmonk's campaign statistics fields.
type CampaignMeta struct {
	CampaignID int            `db:"campaign_id" json:"-"`
	Views      int            `db:"views" json:"views"`
	Clicks     int            `db:"clicks" json:"clicks"`
	Bounces    int            `db:"bounces" json:"bounces"`
	Lists      types.JSONText `db:"lists" json:"lists"`
	Media      types.JSONText `db:"media" json:"media"`
	StartedAt  null.Time      `db:"started_at" json:"started_at"`
	ToSend     int            `db:"to_send" json:"to_send"`
	Sent       int            `db:"sent" json:"sent"`
}

// Attachment is a placeholder for listmonk's models.Attachment.
type Attachment struct {
	Name    string
	Content []byte
}

// Campaign mirrors listmonk's models.Campaign.
type Campaign struct {
	Base
	CampaignMeta

	UUID              string          `db:"uuid" json:"uuid"`
	Type              string          `db:"type" json:"type"`
	Name              string          `db:"name" json:"name"`
	Subject           string          `db:"subject" json:"subject"`
	FromEmail         string          `db:"from_email" json:"from_email"`
	Body              string          `db:"body" json:"body"`
	BodySource        null.String     `db:"body_source" json:"body_source"`
	AltBody           null.String     `db:"altbody" json:"altbody"`
	SendAt            null.Time       `db:"send_at" json:"send_at"`
	Status            string          `db:"status" json:"status"`
	ContentType       string          `db:"content_type" json:"content_type"`
	Tags              pq.StringArray  `db:"tags" json:"tags"`
	Headers           Headers         `db:"headers" json:"headers"`
	Attribs           JSON            `db:"attribs" json:"attribs"`
	TemplateID        null.Int        `db:"template_id" json:"template_id"`
	Messenger         string          `db:"messenger" json:"messenger"`
	Archive           bool            `db:"archive" json:"archive"`
	ArchiveSlug       null.String     `db:"archive_slug" json:"archive_slug"`
	ArchiveTemplateID null.Int        `db:"archive_template_id" json:"archive_template_id"`
	ArchiveMeta       json.RawMessage `db:"archive_meta" json:"archive_meta"`

	TemplateBody        string             `db:"template_body" json:"-"`
	ArchiveTemplateBody string             `db:"archive_template_body" json:"-"`
	Tpl                 *template.Template `json:"-"`
	SubjectTpl          *txttpl.Template   `json:"-"`
	AltBodyTpl          *template.Template `json:"-"`

	HeaderTpls []map[string]*txttpl.Template `json:"-"`

	MediaIDs    pq.Int64Array `json:"-" db:"media_id"`
	Attachments []Attachment  `json:"-" db:"-"`
	Total       int           `db:"total" json:"-"`
}

// Subscriber mirrors listmonk's models.Subscriber.
type Subscriber struct {
	Base

	UUID    string         `db:"uuid" json:"uuid"`
	Email   string         `db:"email" json:"email" form:"email"`
	Name    string         `db:"name" json:"name" form:"name"`
	Attribs JSON           `db:"attribs" json:"attribs"`
	Status  string         `db:"status" json:"status"`
	Lists   types.JSONText `db:"lists" json:"lists"`
}

// FirstName is the first space-separated chunk of the name longer than two bytes, or the
// whole name when there is none (listmonk's rule).
func (s Subscriber) FirstName() string {
	for _, s := range strings.Split(s.Name, " ") {
		if len(s) > 2 {
			return s
		}
	}
	return s.Name
}

// LastName is the last chunk longer than two bytes, or the whole name.
func (s Subscriber) LastName() string {
	chunks := strings.Split(s.Name, " ")
	for i := len(chunks) - 1; i >= 0; i-- {
		if len(chunks[i]) > 2 {
			return chunks[i]
		}
	}
	return s.Name
}

type regTplFunc struct {
	regExp  *regexp.Regexp
	replace string
}

// The same three rewrites as listmonk's regTplFuncs, in the same order.
var regTplFuncs = []regTplFunc{
	{regexp.MustCompile(`{{\s*TrackLink\s+"([^"]+)"\s*}}`), `{{ TrackLink "$1" . }}`},
	{
		regexp.MustCompile(`(https?://[\p{L}\p{N}_\-\.~!#$&'()*+,/:;=?@\[\]%]*)@TrackLink`),
		`{{ TrackLink "$1" . }}`,
	},
	{
		regexp.MustCompile(`{{(\s+)?(TrackView|UnsubscribeURL|ManageURL|OptinURL|MessageURL)(\s+)?}}`),
		`{{ $2 . }}`,
	},
}

func rewrite(s string) string {
	for _, r := range regTplFuncs {
		s = r.regExp.ReplaceAllString(s, r.replace)
	}
	return s
}

// HasTplExpr reports whether s holds a {{ ... }} expression.
func HasTplExpr(s string) bool {
	_, after, ok := strings.Cut(s, "{{")
	return ok && strings.Contains(after, "}}")
}

// CompileTemplate compiles the campaign's subject, base template with its body as
// "content", alternative text and templated header values, as listmonk's does.
// markdown converts markdown bodies with listmonk's goldmark settings.
var markdown = goldmark.New(
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	goldmark.WithRendererOptions(html.WithXHTML(), html.WithUnsafe()),
	goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.TaskList,
		extension.NewTypographer(
			extension.WithTypographicSubstitutions(extension.TypographicSubstitutions{
				extension.LeftDoubleQuote:  []byte(`"`),
				extension.RightDoubleQuote: []byte(`"`),
			}),
		),
	),
)

func (c *Campaign) CompileTemplate(f template.FuncMap) error {
	if HasTplExpr(c.Subject) {
		var txtFuncs map[string]any = f
		subjTpl, err := txttpl.New(ContentTpl).Funcs(txtFuncs).Parse(rewrite(c.Subject))
		if err != nil {
			return fmt.Errorf("error compiling subject: %v", err)
		}
		c.SubjectTpl = subjTpl
	}

	body := c.TemplateBody
	if body == "" || c.ContentType == "visual" {
		body = `{{ template "content" . }}`
	}
	baseTPL, err := template.New(BaseTpl).Funcs(f).Parse(rewrite(body))
	if err != nil {
		return fmt.Errorf("error compiling base template: %v", err)
	}

	msgBody := c.Body
	if c.ContentType == "markdown" {
		var b bytes.Buffer
		if err := markdown.Convert([]byte(c.Body), &b); err != nil {
			return err
		}
		msgBody = b.String()
	}
	msgTpl, err := template.New(ContentTpl).Funcs(f).Parse(rewrite(msgBody))
	if err != nil {
		return fmt.Errorf("error compiling message: %v", err)
	}
	out, err := baseTPL.AddParseTree(ContentTpl, msgTpl.Tree)
	if err != nil {
		return fmt.Errorf("error inserting child template: %v", err)
	}
	c.Tpl = out

	if HasTplExpr(c.AltBody.String) {
		bTpl, err := template.New(ContentTpl).Funcs(f).Parse(rewrite(c.AltBody.String))
		if err != nil {
			return fmt.Errorf("error compiling alt plaintext message: %v", err)
		}
		c.AltBodyTpl = bTpl
	}

	// Header values are not rewritten, as in listmonk.
	for _, set := range c.Headers {
		for _, val := range set {
			if HasTplExpr(val) {
				c.HeaderTpls = make([]map[string]*txttpl.Template, len(c.Headers))
				break
			}
		}
		if c.HeaderTpls != nil {
			break
		}
	}
	if c.HeaderTpls != nil {
		var txtFuncs map[string]any = f
		for i, set := range c.Headers {
			c.HeaderTpls[i] = make(map[string]*txttpl.Template, len(set))
			for hdr, val := range set {
				if !HasTplExpr(val) {
					continue
				}
				tpl, err := txttpl.New(ContentTpl).Funcs(txtFuncs).Parse(val)
				if err != nil {
					return fmt.Errorf("error compiling header %q: %v", hdr, err)
				}
				c.HeaderTpls[i][hdr] = tpl
			}
		}
	}
	return nil
}
