// Package pq stands in for github.com/lib/pq's array types used by listmonk's models.
package pq

// StringArray is a PostgreSQL text[] (campaign tags).
type StringArray []string

// Int64Array is a PostgreSQL bigint[].
type Int64Array []int64
