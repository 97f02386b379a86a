package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Size is a number of bytes, as build.max_note_size gives it.
type Size int64

// DefaultMaxNoteSize is the default build.max_note_size: 10 MiB.
const DefaultMaxNoteSize Size = 10 << 20

// Bounds of build.max_note_size.
const (
	minNoteSize Size = 1 << 10
	maxNoteSize Size = 1 << 30
)

// Exact formats the size with its bytes when String rounds it: "1.0 GiB
// (1074790400 bytes)"; for messages about limits.
func (n Size) Exact() string {
	if back, err := ParseSize(n.String()); err == nil && back == n {
		return n.String()
	}
	return fmt.Sprintf("%s (%d bytes)", n, int64(n))
}

// String formats the size for people: "532 B", "12.3 KiB", "10.0 MiB".
func (n Size) String() string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := Size(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// sizeUnits are the units ParseSize reads, longest first.
var sizeUnits = []struct {
	name string
	mult int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30},
	{"b", 1},
}

// ParseSize reads a size: a number of bytes ("1048576"), or a number with
// a unit ("512KiB", "10 MiB", "1.5GiB"; KB, MB and GB are powers of 1000,
// K, M and G of 1024), in any case.
func ParseSize(s string) (Size, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range sizeUnits {
		if rest, ok := strings.CutSuffix(t, u.name); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	if n, err := strconv.ParseInt(t, 10, 64); err == nil {
		if n < 0 || mult > 1 && n > (1<<62)/mult {
			return 0, fmt.Errorf("size %q out of range", s)
		}
		return Size(n * mult), nil
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f < 0 || f*float64(mult) > 1<<62 || t == "" || strings.ContainsAny(t, "eEnN") {
		return 0, fmt.Errorf("size %q: want a number of bytes or one with a unit, like 10MiB", s)
	}
	return Size(f * float64(mult)), nil
}

// decodeSize reads a size from what viper holds: a number, or a string
// for ParseSize.
func decodeSize(key string, v any) (Size, error) {
	switch x := v.(type) {
	case int:
		return Size(x), nil
	case int64:
		return Size(x), nil
	case uint64:
		return Size(min(x, 1<<62)), nil
	case float64:
		if x != math.Trunc(x) || x < 0 || x > 1<<62 {
			return 0, invalid(key, "want a whole number of bytes or a size like 10MiB, not %v", x)
		}
		return Size(x), nil
	case Size:
		return x, nil
	case string:
		n, err := ParseSize(x)
		if err != nil {
			return 0, invalid(key, "%v", err)
		}
		return n, nil
	}
	return 0, invalid(key, "want a size like 10MiB, not %s", kindOf(v))
}

// kindOf names the kind of a configuration value for a message: "a list",
// "a map", "true".
func kindOf(v any) string {
	switch v.(type) {
	case []any, []string:
		return "a list"
	case map[string]any, map[any]any:
		return "a map"
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%v", v)
}
