package config

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// decodeEvents decodes the events key by hand: viper's Unmarshal splits
// map keys at dots, and folder names may hold dots ("notes/pycon.2018").
func decodeEvents(raw any) (map[string]Event, error) {
	out := map[string]Event{}
	if raw == nil {
		return out, nil
	}
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, invalid(KeyEvents, "must map folders to {series, year}, not %T", raw)
	}
	for folder, v := range m {
		key := KeyEvents + "." + folder
		fields, ok := v.(map[string]any)
		if !ok {
			return nil, invalid(key, "must be {series, year}, not %T", v)
		}
		e, err := decodeEvent(key, fields)
		if err != nil {
			return nil, err
		}
		out[cleanFolder(folder)] = e
	}
	return out, nil
}

func decodeEvent(key string, fields map[string]any) (Event, error) {
	var e Event
	for k, v := range fields {
		switch k {
		case "series":
			s, ok := v.(string)
			if !ok {
				return Event{}, invalid(key+".series", "must be a string, not %T", v)
			}
			e.Series = s
		case "year":
			y, err := toInt(v)
			if err != nil {
				return Event{}, invalid(key+".year", "%v", err)
			}
			e.Year = y
		default:
			return Event{}, invalid(key+"."+k, "unknown field (want series, year)")
		}
	}
	return e, nil
}

func toInt(v any) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case int64:
		return int(x), nil
	case uint64:
		return int(x), nil
	case float64:
		if x == float64(int(x)) {
			return int(x), nil
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("must be a whole number, not %v", v)
}

// cleanFolder makes a folder key a clean slash path without a trailing
// slash ("./notes/" → "notes").
func cleanFolder(f string) string {
	f = strings.ReplaceAll(strings.TrimSpace(f), "\\", "/")
	if f == "" {
		return ""
	}
	return path.Clean(f)
}
