// Package types stands in for github.com/jmoiron/sqlx/types.
package types

// JSONText is raw JSON text from a JSONB column.
type JSONText []byte

// String returns the JSON text.
func (j JSONText) String() string { return string(j) }

// MarshalJSON returns the text itself, or null when empty.
func (j JSONText) MarshalJSON() ([]byte, error) {
	if len(j) == 0 {
		return []byte("null"), nil
	}
	return j, nil
}
