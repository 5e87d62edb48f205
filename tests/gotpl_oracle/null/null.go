// Package null stands in for gopkg.in/volatiletech/null.v6 (the nullable values of
// listmonk's models), with the same type names so that templates print them alike.
package null

import (
	"encoding/json"
	"time"
)

// Time is a nullable time.Time.
type Time struct {
	Time  time.Time
	Valid bool
}

// MarshalJSON returns null when the time is not valid.
func (t Time) MarshalJSON() ([]byte, error) {
	if !t.Valid {
		return []byte("null"), nil
	}
	return t.Time.MarshalJSON()
}

// String is a nullable string.
type String struct {
	String string
	Valid  bool
}

// MarshalJSON returns null when the string is not valid.
func (s String) MarshalJSON() ([]byte, error) {
	if !s.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(s.String)
}

// Int is a nullable int.
type Int struct {
	Int   int
	Valid bool
}

// MarshalJSON returns null when the int is not valid.
func (i Int) MarshalJSON() ([]byte, error) {
	if !i.Valid {
		return []byte("null"), nil
	}
	return json.Marshal(i.Int)
}
