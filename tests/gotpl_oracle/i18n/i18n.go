// Package i18n mirrors listmonk's internal/i18n: the translation object templates reach
// as L, over a language map (key -> "singular | plural", with {param} placeholders).
package i18n

import (
	"regexp"
	"strings"
)

// New returns the translations of a language map (its "_.code" and "_.name" keys give
// Code and Name, as in listmonk's language files).
func New(langMap map[string]string) *I18n {
	if langMap == nil {
		langMap = map[string]string{}
	}
	return &I18n{Code: langMap["_.code"], Name: langMap["_.name"], langMap: langMap}
}

// I18n mirrors listmonk's internal/i18n over a language map.
type I18n struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	langMap map[string]string
}

var reParam = regexp.MustCompile(`(?i)\{([a-z0-9-.]+)\}`)

// T returns the translation of key (its singular form), or key itself.
func (i *I18n) T(key string) string {
	s, ok := i.langMap[key]
	if !ok {
		return key
	}
	return i.getSingular(s)
}

// Ts is T with {name} placeholders replaced by name/value pairs.
func (i *I18n) Ts(key string, params ...string) string {
	if len(params)%2 != 0 {
		return key + `: Invalid arguments`
	}
	s, ok := i.langMap[key]
	if !ok {
		return key
	}
	s = i.getSingular(s)
	for n := 0; n < len(params); n += 2 {
		val := i.subAllParams(params[n+1])
		s = strings.ReplaceAll(s, `{`+params[n]+`}`, val)
	}
	return s
}

// Tc returns the plural form when n > 1, else the singular form.
func (i *I18n) Tc(key string, n int) string {
	s, ok := i.langMap[key]
	if !ok {
		return key
	}
	if n > 1 {
		return i.getPlural(s)
	}
	return i.getSingular(s)
}

func (i *I18n) getSingular(s string) string {
	if !strings.Contains(s, "|") {
		return s
	}
	return strings.TrimSpace(strings.Split(s, "|")[0])
}

func (i *I18n) getPlural(s string) string {
	if !strings.Contains(s, "|") {
		return s
	}
	chunks := strings.Split(s, "|")
	if len(chunks) == 2 {
		return strings.TrimSpace(chunks[1])
	}
	return strings.TrimSpace(chunks[0])
}

func (i *I18n) subAllParams(s string) string {
	if !strings.Contains(s, `{`) {
		return s
	}
	parts := reParam.FindAllStringSubmatch(s, -1)
	if len(parts) < 1 {
		return s
	}
	for _, p := range parts {
		s = strings.ReplaceAll(s, p[0], i.T(p[1]))
	}
	return i.subAllParams(s)
}
