package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/export"
	"github.com/talkgraph/talkgraph/internal/related"
)

// The browser tests drive the widget and the explorer page in headless
// Chromium. They run when TALKGRAPH_TEST_CHROMIUM names the browser or CI
// is set (then a missing browser fails the test, not skips it).

const hostileTitle = `<img src=x onerror="document.title='pwned'">Async & ORMs`

// browser starts a headless Chromium and returns a context for chromedp.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("TALKGRAPH_TEST_CHROMIUM")
	if path == "" {
		if os.Getenv("CI") == "" {
			t.Skip("set TALKGRAPH_TEST_CHROMIUM to a Chromium binary to run the browser tests")
		}
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no Chromium for the browser tests (TALKGRAPH_TEST_CHROMIUM=%q): %v", os.Getenv("TALKGRAPH_TEST_CHROMIUM"), err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // CI runs as root
		chromedp.WindowSize(1200, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelCtx := chromedp.NewContext(actx)
	// The first run starts the browser; only later ones may have a timeout.
	if err := chromedp.Do(bctx); err != nil {
		cancelCtx()
		cancelAlloc()
		t.Fatalf("start Chromium %s: %v", path, err)
	}
	ctx, cancelTimeout := context.WithTimeout(bctx, 30*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}

// screenshot saves a full-page PNG to $TALKGRAPH_TEST_ARTIFACTS (or a
// temporary directory) and logs its path.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("TALKGRAPH_TEST_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// browserQuerier answers the queries of the widget and the explorer with
// fixed rows.
func browserQuerier(t *testing.T) *fakeQuerier {
	answers := map[string]*graph.Result{
		cypherOf(t, "explore/search"): {
			Columns: []string{"talk", "year", "event", "speakers", "score", "id"},
			Rows: [][]any{
				{"Taking Django Async", int64(2018), "PyCon US 2018", []any{"Andrew Godwin"}, 2.5, "talk:taking-django-async"},
				{"Django ORM internals", int64(2019), "DjangoCon EU 2019", []any{"Ada Lovelace"}, 1.2, "talk:django-orm"},
			},
		},
		cypherOf(t, "explore/talk"): {
			Columns: []string{"talk", "id", "year", "event", "kind", "speakers", "about", "tools", "concepts", "organizations", "people", "video_url", "sources"},
			Rows: [][]any{{
				"Taking Django Async", "talk:taking-django-async", int64(2018), "PyCon US 2018", "talk",
				[]any{"Andrew Godwin"}, []any{"async"}, []any{"Django", "ASGI"}, []any{"async", "ORM"},
				[]any{}, []any{}, "https://video.example/django-async", []any{"notes/pycon.md"},
			}},
		},
		cypherOf(t, "recommend/related-talks"): {
			Columns: []string{"for_talk", "for_id", "talk", "year", "event", "speakers", "score", "reason", "video_url", "id"},
			Rows: [][]any{
				{"Taking Django Async", "talk:taking-django-async", "Django ORM internals", int64(2019), "DjangoCon EU 2019", []any{"Ada Lovelace"}, 0.41, []any{"ORM", "Django"}, "https://video.example/orm-internals", "talk:django-orm"},
				{"Taking Django Async", "talk:taking-django-async", hostileTitle, int64(2021), nil, []any{"Bob", "Carol"}, 0.2, []any{"async"}, "javascript:alert(1)", "talk:hostile"},
			},
		},
		cypherOf(t, "themes/recurring"): {
			Columns: []string{"name", "label", "editions", "talks", "per_year", "id"},
			Rows: [][]any{
				{"Django", "Tool", int64(4), int64(9), []any{map[string]any{"year": int64(2018), "talks": int64(2)}, map[string]any{"year": int64(2019), "talks": int64(3)}, map[string]any{"year": int64(2020), "talks": int64(4)}}, "tool:django"},
				{"async", "Concept", int64(3), int64(5), []any{map[string]any{"year": int64(2018), "talks": int64(1)}, map[string]any{"year": int64(2020), "talks": int64(4)}}, "concept:async"},
			},
		},
	}
	return &fakeQuerier{QueryFunc: func(ctx context.Context, cypher string, params map[string]any) (*graph.Result, error) {
		if res, ok := answers[cypher]; ok {
			return res, nil
		}
		return &graph.Result{Columns: []string{}, Rows: [][]any{}}, nil
	}}
}

// widgetPage serves, on its own origin, a page that embeds widget.js from
// scriptOrigin with one widget whose attributes are attrs.
func widgetPage(t *testing.T, scriptOrigin *string, attrs *string) *httptest.Server {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>host page</title>
<style>body{font-family:Georgia,serif;margin:2rem} .tg-reason{color:#666}</style></head>
<body><h1>A blog post</h1><p>Some text about Django.</p>
<div id="box" %s></div>
<script src="%s/widget.js" async></script></body></html>`, *attrs, *scriptOrigin)
	}))
	t.Cleanup(page.Close)
	return page
}

// into runs a and stores its value in dst, so that a value-returning
// action can be one of the steps of chromedp.Do.
func into[T any](dst *T, a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		v, err := a(ctx, tg)
		*dst = v
		return chromedp.Void{}, err
	}
}

type renderedItem struct {
	Title  string `json:"title"`
	Tag    string `json:"tag"`
	Href   string `json:"href"`
	Meta   string `json:"meta"`
	Reason string `json:"reason"`
}

const readItems = `Array.from(document.querySelectorAll('#box .tg-item')).map(li => ({
	title: li.querySelector('.tg-title').textContent,
	tag: li.querySelector('.tg-title').tagName,
	href: li.querySelector('.tg-title').getAttribute('href') || '',
	meta: (li.querySelector('.tg-meta') || {}).textContent || '',
	reason: (li.querySelector('.tg-reason') || {}).textContent || '',
}))`

func TestWidget_api(t *testing.T) {
	ctx := browser(t)
	f := browserQuerier(t)
	var apiURL, attrs string
	page := widgetPage(t, &apiURL, &attrs)
	api := httptest.NewServer(New(Config{CORSOrigins: []string{page.URL}}, f, packs(t), nil))
	defer api.Close()
	apiURL = api.URL
	attrs = fmt.Sprintf(`data-talkgraph-related="talk:taking-django-async" data-talkgraph-api="%s"`, api.URL)

	var items []renderedItem
	var title, font string
	err := chromedp.Do(ctx,
		chromedp.Navigate(page.URL),
		chromedp.WaitVisible(chromedp.CSS("#box .tg-item")),
		into(&items, chromedp.Evaluate[[]renderedItem](readItems)),
		into(&title, chromedp.Title()),
		into(&font, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('#box .tg-item')).fontFamily`)),
	)
	if err != nil {
		t.Fatalf("render widget: %v", err)
	}
	screenshot(t, ctx, "widget-api")
	want := []renderedItem{
		{Title: "Django ORM internals", Tag: "A", Href: "https://video.example/orm-internals", Meta: " (DjangoCon EU 2019, Ada Lovelace)", Reason: "Shared: ORM, Django"},
		{Title: hostileTitle, Tag: "SPAN", Meta: " (2021, Bob, Carol)", Reason: "Shared: async"},
	}
	if fmt.Sprint(items) != fmt.Sprint(want) {
		t.Errorf("widget items:\n got %+v\nwant %+v", items, want)
	}
	if title != "host page" {
		t.Errorf("page title = %q: the widget ran markup from the data", title)
	}
	if !strings.Contains(font, "Georgia") {
		t.Errorf("widget font = %q, want the host page's (Georgia)", font)
	}
	c := f.last(t)
	if c.Params["talk"] != "talk:taking-django-async" || c.Params["limit"] != int64(5) {
		t.Errorf("related query params = %v", c.Params)
	}
}

func TestWidget_apiError(t *testing.T) {
	ctx := browser(t)
	var apiURL, attrs string
	page := widgetPage(t, &apiURL, &attrs)
	f := &fakeQuerier{QueryFunc: func(context.Context, string, map[string]any) (*graph.Result, error) {
		return nil, fmt.Errorf("store down")
	}}
	api := httptest.NewServer(New(Config{CORSOrigins: []string{page.URL}}, f, packs(t), nil))
	defer api.Close()
	apiURL = api.URL
	attrs = fmt.Sprintf(`data-talkgraph-related="talk:x" data-talkgraph-api="%s"`, api.URL)

	var text string
	err := chromedp.Do(ctx,
		chromedp.Navigate(page.URL),
		chromedp.WaitVisible(chromedp.CSS("#box .tg-error")),
		into(&text, chromedp.Text(chromedp.CSS("#box"))),
	)
	if err != nil {
		t.Fatalf("render widget: %v", err)
	}
	if text != "Related talks are unavailable." {
		t.Errorf("error text = %q", text)
	}
}

func TestWidget_static(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	if err := export.Widgets(dir, widgetGraph(), 0, related.Options{}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var fetched []string
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetched = append(fetched, r.URL.Path)
		mu.Unlock()
		w.Header().Set("Access-Control-Allow-Origin", "*")
		http.StripPrefix("/widgets", http.FileServer(http.Dir(dir))).ServeHTTP(w, r)
	}))
	defer files.Close()
	api := httptest.NewServer(New(Config{CORSOrigins: []string{"*"}}, &fakeQuerier{}, packs(t), nil))
	defer api.Close()
	apiURL := api.URL
	attrs := fmt.Sprintf(`data-talkgraph-related="talk:django-async-2018" data-talkgraph-static="%s/widgets/"`, files.URL)
	page := widgetPage(t, &apiURL, &attrs)

	var items []renderedItem
	err := chromedp.Do(ctx,
		chromedp.Navigate(page.URL),
		chromedp.WaitVisible(chromedp.CSS("#box .tg-item")),
		into(&items, chromedp.Evaluate[[]renderedItem](readItems)),
	)
	if err != nil {
		t.Fatalf("render widget: %v", err)
	}
	screenshot(t, ctx, "widget-static")
	want := []renderedItem{
		{Title: "Async all the things", Tag: "SPAN", Meta: " (PyCon US 2020)", Reason: "Shared: async"},
		{Title: "Déjà vu: ORMs again", Tag: "A", Href: "https://video.example/orm", Meta: " (2019, Ada Lovelace)", Reason: "Shared: ORM"},
	}
	if fmt.Sprint(items) != fmt.Sprint(want) {
		t.Errorf("widget items:\n got %+v\nwant %+v", items, want)
	}
	mu.Lock()
	got := slices.Clone(fetched)
	fetched = nil
	mu.Unlock()
	if !slices.Equal(got, []string{"/widgets/talks/talk-django-async-2018.json"}) {
		t.Errorf("fetched %q, want the talk's own file only (not index.json)", got)
	}

	// An id whose slug the widget cannot spell (an accent) is found
	// through index.json.
	attrs = fmt.Sprintf(`data-talkgraph-related="talk:déjà-vu" data-talkgraph-static="%s/widgets/"`, files.URL)
	err = chromedp.Do(ctx,
		chromedp.Navigate(page.URL),
		chromedp.WaitVisible(chromedp.CSS("#box .tg-item")),
		into(&items, chromedp.Evaluate[[]renderedItem](readItems)),
	)
	if err != nil {
		t.Fatalf("render widget: %v", err)
	}
	if len(items) == 0 || items[0].Title != "Taking Django Async" {
		t.Errorf("widget of talk:déjà-vu: got %+v, want Taking Django Async first", items)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(fetched, "/widgets/index.json") || !slices.Contains(fetched, "/widgets/talks/talk-deja-vu.json") {
		t.Errorf("fetched %q, want index.json then talk-deja-vu.json", fetched)
	}
}

// widgetGraph is four talks: the first shares ORM with one and async with
// another; Django, in every talk, counts for nothing.
func widgetGraph() *graph.Graph {
	g := graph.New()
	talk := func(id, title string, year int64, video string) {
		p := map[string]any{"title": title, "year": year}
		if id == "talk:async-things" {
			p["event"] = "PyCon US 2020"
		}
		if video != "" {
			p["video_url"] = video
		}
		g.AddNode(graph.Node{ID: id, Label: graph.Talk, Props: p})
		g.AddRel(graph.Rel{Type: graph.Mentions, From: id, To: "tool:django"})
	}
	talk("talk:django-async-2018", "Taking Django Async", 2018, "")
	talk("talk:déjà-vu", "Déjà vu: ORMs again", 2019, "https://video.example/orm")
	talk("talk:async-things", "Async all the things", 2020, "")
	talk("talk:unrelated", "Something else", 2021, "")
	g.AddNode(graph.Node{ID: "tool:django", Label: graph.Tool, Props: map[string]any{"name": "Django"}})
	g.AddNode(graph.Node{ID: "concept:orm", Label: graph.Concept, Props: map[string]any{"name": "ORM"}})
	g.AddNode(graph.Node{ID: "concept:async", Label: graph.Concept, Props: map[string]any{"name": "async"}})
	g.AddNode(graph.Node{ID: "speaker:ada", Label: graph.Speaker, Props: map[string]any{"name": "Ada Lovelace"}})
	g.AddRel(graph.Rel{Type: graph.Presented, From: "speaker:ada", To: "talk:déjà-vu"})
	g.AddRel(graph.Rel{Type: graph.About, From: "talk:django-async-2018", To: "concept:orm"})
	g.AddRel(graph.Rel{Type: graph.About, From: "talk:django-async-2018", To: "concept:async"})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:déjà-vu", To: "concept:orm"})
	g.AddRel(graph.Rel{Type: graph.Mentions, From: "talk:déjà-vu", To: "concept:orm"})
	g.AddRel(graph.Rel{Type: graph.About, From: "talk:async-things", To: "concept:async"})
	return g
}

func TestExplorer(t *testing.T) {
	ctx := browser(t)
	api := httptest.NewServer(New(Config{}, browserQuerier(t), packs(t), nil))
	defer api.Close()

	var results []string
	var kinds map[string]int
	var labels []string
	var themeLines int
	err := chromedp.Do(ctx,
		chromedp.Navigate(api.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "django"),
		chromedp.Click(chromedp.CSS("#search button")),
		chromedp.WaitVisible(chromedp.CSS("#results button.talk")),
		into(&results, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#results button.talk')).map(b => b.textContent)`)),
		chromedp.Click(chromedp.CSS("#results button.talk")),
		chromedp.WaitVisible(chromedp.CSS("#graph .node-talk")),
		chromedp.WaitVisible(chromedp.CSS("#themes polyline")),
		into(&kinds, chromedp.Evaluate[map[string]int](`Array.from(document.querySelectorAll('#graph .node')).reduce((m, n) => (m[n.dataset.kind] = (m[n.dataset.kind] || 0) + 1, m), {})`)),
		into(&labels, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#graph .node > text')).map(e => e.textContent)`)),
		into(&themeLines, chromedp.Evaluate[int](`document.querySelectorAll('#themes polyline').length`)),
	)
	if err != nil {
		t.Fatalf("explore: %v", err)
	}
	screenshot(t, ctx, "explorer")
	if want := []string{"Taking Django Async", "Django ORM internals"}; fmt.Sprint(results) != fmt.Sprint(want) {
		t.Errorf("results = %q, want %q", results, want)
	}
	// One talk, its speaker, two tools, two concepts and two related talks.
	want := map[string]int{"talk": 1, "speaker": 1, "tool": 2, "concept": 2, "related": 2}
	if fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Errorf("graph nodes by kind = %v, want %v", kinds, want)
	}
	for _, l := range []string{"Taking Django Async", "Andrew Godwin", "ASGI", "ORM", "Django ORM internals"} {
		if !strings.Contains(strings.Join(labels, "\n"), l) {
			t.Errorf("graph labels %q lack %q", labels, l)
		}
	}
	if themeLines != 2 {
		t.Errorf("themes chart has %d lines, want 2", themeLines)
	}
}

func TestStaticFiles(t *testing.T) {
	h := New(Config{CORSOrigins: []string{"https://blog.example"}}, &fakeQuerier{}, packs(t), nil)
	for _, tt := range []struct{ path, ctype, has string }{
		{"/", "text/html; charset=utf-8", "<title>talkgraph explorer</title>"},
		{"/explorer.js", "text/javascript; charset=utf-8", "api/v1/themes"},
		{"/widget.js", "text/javascript; charset=utf-8", "data-talkgraph-related"},
	} {
		rec := get(h, tt.path, "Origin", "https://blog.example")
		if rec.Code != 200 || rec.Header().Get("Content-Type") != tt.ctype || !strings.Contains(rec.Body.String(), tt.has) {
			t.Errorf("GET %s: %d %q, body has %q: %v", tt.path, rec.Code, rec.Header().Get("Content-Type"), tt.has, strings.Contains(rec.Body.String(), tt.has))
		}
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != "https://blog.example" {
			t.Errorf("GET %s: Access-Control-Allow-Origin = %q", tt.path, got)
		}
	}
	if n := len(mustRead(t, "static/widget.js")); n >= 6<<10 {
		t.Errorf("widget.js is %d bytes, want under 6 KB", n)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := static.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
