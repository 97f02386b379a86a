package server

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type spec struct {
	OpenAPI string                                    `yaml:"openapi"`
	Paths   map[string]map[string]specOp              `yaml:"paths"`
	Comps   struct{ Parameters map[string]specParam } `yaml:"components"`
}

type specOp struct {
	Parameters []specParam    `yaml:"parameters"`
	Responses  map[string]any `yaml:"responses"`
}

type specParam struct {
	Ref  string `yaml:"$ref"`
	Name string `yaml:"name"`
	In   string `yaml:"in"`
}

var pathParamRx = regexp.MustCompile(`\{([a-z_]+)\}`)

// TestOpenAPIMatchesRoutes checks openapi.yaml against routes: every
// operation of the spec is routed by the mux, and every route is in the
// spec, with the same path parameters.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc spec
	if err := yaml.Unmarshal(openapiYAML, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0") {
		t.Errorf("openapi = %q, want 3.0.x", doc.OpenAPI)
	}
	s := newServer(Default(), &fakeQuerier{}, packs(t), nil)

	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			if method == "parameters" || method == "summary" || method == "description" {
				continue
			}
			m := strings.ToUpper(method)
			// The explorer page is "/" in the spec, "/{$}" (that path
			// only, not every path) in the mux; so is the API's index.
			muxPath := path
			if strings.HasSuffix(path, "/") {
				muxPath = path + "{$}"
			}
			documented[m+" "+muxPath] = true
			target := pathParamRx.ReplaceAllString(path, "sample-$1")
			req := httptest.NewRequest(m, target, nil)
			_, pattern := s.mux.Handler(req)
			if pattern != m+" "+muxPath {
				t.Errorf("spec %s %s: the mux routes %s to pattern %q", m, path, target, pattern)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			// A 404 from a handler (no such talk) is fine; one from the
			// mux is not.
			if rec.Code == http.StatusMethodNotAllowed || strings.Contains(rec.Body.String(), "no route") {
				t.Errorf("spec %s %s: status %d: %s", m, path, rec.Code, rec.Body)
			}
			if len(op.Responses) == 0 {
				t.Errorf("spec %s %s: no responses", m, path)
			}
			// The path parameters of the spec are those of the path.
			var want, got []string
			for _, sm := range pathParamRx.FindAllStringSubmatch(path, -1) {
				want = append(want, sm[1])
			}
			for _, p := range op.Parameters {
				if p.Ref != "" {
					p = doc.Comps.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
					if p.Name == "" {
						t.Errorf("spec %s %s: dangling $ref", m, path)
					}
				}
				if p.In == "path" {
					got = append(got, p.Name)
				}
			}
			slices.Sort(want)
			slices.Sort(got)
			if !slices.Equal(want, got) {
				t.Errorf("spec %s %s: path parameters %v, want %v", m, path, got, want)
			}
		}
	}
	for _, rt := range routes {
		if !documented[rt.Method+" "+rt.Path] {
			t.Errorf("route %s %s is not in openapi.yaml", rt.Method, rt.Path)
		}
	}
	if len(documented) != len(routes) {
		t.Errorf("openapi.yaml has %d operations, routes.go %d", len(documented), len(routes))
	}
}

// The spec's error codes are those of the one status table.
func TestOpenAPIErrorCodes(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				Error struct {
					Properties struct {
						Error struct {
							Properties struct {
								Code struct {
									Enum []string `yaml:"enum"`
								} `yaml:"code"`
							} `yaml:"properties"`
						} `yaml:"error"`
					} `yaml:"properties"`
				} `yaml:"Error"`
			} `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(openapiYAML, &doc); err != nil {
		t.Fatal(err)
	}
	got := doc.Components.Schemas.Error.Properties.Error.Properties.Code.Enum
	var want []string
	for code := range statuses {
		want = append(want, code)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("openapi.yaml error codes %v, want those of statuses %v", got, want)
	}
}
