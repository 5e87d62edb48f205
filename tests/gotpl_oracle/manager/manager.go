// Package manager mirrors what listmonk's internal/manager does to render a campaign
// message: the template data (CampaignMessage), the template functions (TemplateFuncs and
// makeGnericFuncMap, with the clock fixed and the links table given) and render().
package manager

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/Masterminds/sprig"

	"gotpl_oracle/i18n"
	"gotpl_oracle/models"
)

const dummyUUID = "00000000-0000-0000-0000-000000000000"

// CampaignMessage mirrors listmonk's manager.CampaignMessage: the template data.
type CampaignMessage struct {
	Campaign   *models.Campaign
	Subscriber models.Subscriber

	from     string
	to       string
	subject  string
	body     []byte
	altBody  []byte
	unsubURL string
	headers  models.Headers
}

// Subject returns the message subject (the rendered one once the subject has rendered).
func (m *CampaignMessage) Subject() string { return m.subject }

// Body returns a copy of the message body.
func (m *CampaignMessage) Body() []byte {
	out := make([]byte, len(m.body))
	copy(out, m.body)
	return out
}

// AltBody returns a copy of the message's alt body.
func (m *CampaignMessage) AltBody() []byte {
	out := make([]byte, len(m.altBody))
	copy(out, m.altBody)
	return out
}

// NewCampaignMessage renders campaign c for subscriber s, as listmonk's does.
func (cfg *Config) NewCampaignMessage(c *models.Campaign, s models.Subscriber) (*CampaignMessage, error) {
	msg := &CampaignMessage{
		Campaign:   c,
		Subscriber: s,
		subject:    c.Subject,
		from:       c.FromEmail,
		to:         s.Email,
		unsubURL:   fmt.Sprintf(cfg.unsubURL(), c.UUID, s.UUID),
	}
	if err := msg.render(); err != nil {
		return msg, err
	}
	return msg, nil
}

// MessageHeaders returns the rendered headers of a message (a function, not a method, so
// that templates see no more methods than listmonk's CampaignMessage has).
func MessageHeaders(m *CampaignMessage) models.Headers { return m.headers }

func (m *CampaignMessage) render() error {
	out := bytes.Buffer{}
	if m.Campaign.SubjectTpl != nil {
		if err := m.Campaign.SubjectTpl.ExecuteTemplate(&out, models.ContentTpl, m); err != nil {
			return err
		}
		m.subject = out.String()
		out.Reset()
	}

	if err := m.Campaign.Tpl.ExecuteTemplate(&out, models.BaseTpl, m); err != nil {
		return err
	}
	m.body = out.Bytes()

	if m.Campaign.ContentType != "plain" && m.Campaign.AltBody.Valid {
		if m.Campaign.AltBodyTpl != nil {
			b := bytes.Buffer{}
			if err := m.Campaign.AltBodyTpl.ExecuteTemplate(&b, models.ContentTpl, m); err != nil {
				return err
			}
			m.altBody = b.Bytes()
		} else {
			m.altBody = []byte(m.Campaign.AltBody.String)
		}
	}

	if m.Campaign.HeaderTpls == nil {
		m.headers = m.Campaign.Headers
	} else {
		hdrOut := bytes.Buffer{}
		m.headers = make(models.Headers, len(m.Campaign.Headers))
		for i, set := range m.Campaign.Headers {
			m.headers[i] = make(map[string]string, len(set))
			for hdr, val := range set {
				tpl := m.Campaign.HeaderTpls[i][hdr]
				if tpl == nil {
					m.headers[i][hdr] = val
					continue
				}
				hdrOut.Reset()
				if err := tpl.ExecuteTemplate(&hdrOut, models.ContentTpl, m); err != nil {
					return fmt.Errorf("error rendering header %q: %v", hdr, err)
				}
				m.headers[i][hdr] = hdrOut.String()
			}
		}
	}
	return nil
}

// Config is the part of listmonk's manager configuration rendering uses, plus the
// oracle's stand-ins for the database (Links) and the clock (Now).
type Config struct {
	RootURL            string
	IndividualTracking bool
	DisableTracking    bool
	Links              map[string]string // URL -> link UUID (listmonk's links table)
	Now                time.Time         // the fixed clock
	I18n               *i18n.I18n
}

func (cfg *Config) linkTrackURL() string { return cfg.RootURL + "/link/%s/%s/%s" }
func (cfg *Config) viewTrackURL() string { return cfg.RootURL + "/campaign/%s/%s/px.png" }
func (cfg *Config) unsubURL() string     { return cfg.RootURL + "/subscription/%s/%s" }
func (cfg *Config) optinURL() string     { return cfg.RootURL + "/subscription/optin/%s?%s" }
func (cfg *Config) messageURL() string   { return cfg.RootURL + "/campaign/%s/%s" }
func (cfg *Config) archiveURL() string   { return cfg.RootURL + "/archive" }

// trackLink is manager.trackLink with the request's links map as the links table.
func (cfg *Config) trackLink(url, campUUID, subUUID string) string {
	if cfg.DisableTracking {
		return url
	}
	url = strings.ReplaceAll(url, "&amp;", "&")
	uu, ok := cfg.Links[url]
	if !ok {
		return url // as a failed registration: the original URL
	}
	return fmt.Sprintf(cfg.linkTrackURL(), uu, campUUID, subUUID)
}

// TemplateFuncs is manager.TemplateFuncs(c) merged with makeGnericFuncMap().
func (cfg *Config) TemplateFuncs(c *models.Campaign) template.FuncMap {
	f := template.FuncMap{
		"TrackLink": func(url string, msg *CampaignMessage) string {
			if cfg.DisableTracking {
				return url
			}
			subUUID := msg.Subscriber.UUID
			if !cfg.IndividualTracking {
				subUUID = dummyUUID
			}
			return cfg.trackLink(url, msg.Campaign.UUID, subUUID)
		},
		"TrackView": func(msg *CampaignMessage) template.HTML {
			if cfg.DisableTracking {
				return template.HTML("")
			}
			subUUID := msg.Subscriber.UUID
			if !cfg.IndividualTracking {
				subUUID = dummyUUID
			}
			return template.HTML(fmt.Sprintf(`<img src="%s" width="1" height="1" style="display:none;max-height:0;max-width:0;opacity:0" alt="">`,
				fmt.Sprintf(cfg.viewTrackURL(), msg.Campaign.UUID, subUUID)))
		},
		"UnsubscribeURL": func(msg *CampaignMessage) string {
			return msg.unsubURL
		},
		"ManageURL": func(msg *CampaignMessage) string {
			return msg.unsubURL + "?manage=true"
		},
		"OptinURL": func(msg *CampaignMessage) string {
			return fmt.Sprintf(cfg.optinURL(), msg.Subscriber.UUID, "")
		},
		"MessageURL": func(msg *CampaignMessage) string {
			return fmt.Sprintf(cfg.messageURL(), c.UUID, msg.Subscriber.UUID)
		},
		"ArchiveURL": func() string {
			return cfg.archiveURL()
		},
		"RootURL": func() string {
			return cfg.RootURL
		},
	}
	for k, v := range cfg.genericFuncs() {
		f[k] = v
	}
	return f
}

// genericFuncs is makeGnericFuncMap() with the clock fixed to cfg.Now.
func (cfg *Config) genericFuncs() template.FuncMap {
	funcs := template.FuncMap{
		"Date": func(layout string) string {
			if layout == "" {
				layout = time.ANSIC
			}
			return cfg.Now.Format(layout)
		},
		"L": func() *i18n.I18n {
			return cfg.I18n
		},
		"Safe": func(safeHTML string) template.HTML {
			return template.HTML(safeHTML)
		},
	}
	sprigFuncs := sprig.GenericFuncMap()
	delete(sprigFuncs, "env")
	delete(sprigFuncs, "expandenv")
	delete(sprigFuncs, "getHostByName")
	for name, fn := range cfg.fixedClockFuncs() {
		if _, ok := sprigFuncs[name]; !ok {
			panic("sprig has no function " + name)
		}
		sprigFuncs[name] = fn
	}
	for k, v := range sprigFuncs {
		funcs[k] = v
	}
	return funcs
}

// fixedClockFuncs are Sprig's date functions that read the clock, reading cfg.Now instead
// (same signatures and argument handling as Sprig 3.2.3's).
func (cfg *Config) fixedClockFuncs() map[string]any {
	dateInZone := func(layout string, date any, zone string) string {
		var t time.Time
		switch date := date.(type) {
		default:
			t = cfg.Now
		case time.Time:
			t = date
		case *time.Time:
			t = *date
		case int64:
			t = time.Unix(date, 0)
		case int:
			t = time.Unix(int64(date), 0)
		case int32:
			t = time.Unix(int64(date), 0)
		}
		loc, err := time.LoadLocation(zone)
		if err != nil {
			loc, _ = time.LoadLocation("UTC")
		}
		return t.In(loc).Format(layout)
	}
	since := func(t time.Time) time.Duration { return cfg.Now.Sub(t) }
	return map[string]any{
		"now": func() time.Time { return cfg.Now },
		"date": func(layout string, date any) string {
			return dateInZone(layout, date, "Local")
		},
		"dateInZone":   dateInZone,
		"date_in_zone": dateInZone,
		"htmlDate": func(date any) string {
			return dateInZone("2006-01-02", date, "Local")
		},
		"htmlDateInZone": func(date any, zone string) string {
			return dateInZone("2006-01-02", date, zone)
		},
		"ago": func(date any) string {
			var t time.Time
			switch date := date.(type) {
			default:
				t = cfg.Now
			case time.Time:
				t = date
			case int64:
				t = time.Unix(date, 0)
			case int:
				t = time.Unix(int64(date), 0)
			}
			return since(t).Round(time.Second).String()
		},
		"durationRound": func(duration any) string {
			var d time.Duration
			switch duration := duration.(type) {
			default:
				d = 0
			case string:
				d, _ = time.ParseDuration(duration)
			case int64:
				d = time.Duration(duration)
			case time.Time:
				d = since(duration)
			}
			return roundDuration(d)
		},
	}
}

func roundDuration(d time.Duration) string {
	u := uint64(d)
	if d < 0 {
		u = -u
	}
	var (
		year   = uint64(time.Hour) * 24 * 365
		month  = uint64(time.Hour) * 24 * 30
		day    = uint64(time.Hour) * 24
		hour   = uint64(time.Hour)
		minute = uint64(time.Minute)
		second = uint64(time.Second)
	)
	switch {
	case u > year:
		return strconv.FormatUint(u/year, 10) + "y"
	case u > month:
		return strconv.FormatUint(u/month, 10) + "mo"
	case u > day:
		return strconv.FormatUint(u/day, 10) + "d"
	case u > hour:
		return strconv.FormatUint(u/hour, 10) + "h"
	case u > minute:
		return strconv.FormatUint(u/minute, 10) + "m"
	case u > second:
		return strconv.FormatUint(u/second, 10) + "s"
	}
	return "0s"
}
