package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/talkgraph/talkgraph/graph"
	"github.com/talkgraph/talkgraph/internal/export"
	"github.com/talkgraph/talkgraph/internal/memstore"
	"github.com/talkgraph/talkgraph/internal/related"
	"github.com/talkgraph/talkgraph/internal/storetest"
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
				{"Django", "Tool", int64(4), int64(9), []any{share(2018, 2, 10), share(2019, 3, 15), share(2020, 4, 23.5)}, "tool:django"},
				{"async", "Concept", int64(3), int64(5), []any{share(2018, 1, 5), share(2019, 0, 0), share(2020, 4, 23.5)}, "concept:async"},
			},
		},
	}
	return &fakeQuerier{QueryFunc: func(ctx context.Context, cypher string, params map[string]any) (*graph.Result, error) {
		if params["talk"] == "talk:broken" {
			return nil, fmt.Errorf("store down")
		}
		if id, _ := params["talk"].(string); cypher == cypherOf(t, "explore/talk") && strings.HasPrefix(id, "talk:") {
			// every talk looks alike but for its id
			row := slices.Clone(answers[cypher].Rows[0])
			row[1] = id
			return &graph.Result{Columns: answers[cypher].Columns, Rows: [][]any{row}}, nil
		}
		if res, ok := answers[cypher]; ok {
			return res, nil
		}
		return &graph.Result{Columns: []string{}, Rows: [][]any{}}, nil
	}}
}

func share(year, talks int64, pct float64) map[string]any {
	return map[string]any{"year": year, "talks": talks, "share": pct}
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

// explorerState is what TestExplorer reads from the page.
type explorerState struct {
	Hash      string         `json:"hash"`
	Title     string         `json:"title"`
	Results   []string       `json:"results"`
	Kinds     map[string]int `json:"kinds"`
	Labels    []string       `json:"labels"`
	Overlaps  []string       `json:"overlaps"`
	Related   []string       `json:"related"`
	Reasons   []string       `json:"reasons"`
	Lines     int            `json:"lines"`
	Ticks     []string       `json:"ticks"`
	Axes      []string       `json:"axes"`
	Legend    []string       `json:"legend"`
	PageWidth int            `json:"pageWidth"`
	ChartW    float64        `json:"chartWidth"` // the units of the theme chart's viewBox, one a pixel
	Error     string         `json:"error"`
	ErrorCls  string         `json:"errorClass"`
	ErrorCol  string         `json:"errorColor"`
}

const readExplorer = `(() => {
	const all = (q) => Array.from(document.querySelectorAll(q));
	const boxes = all('#graph .node text, #graph .key text').map(e => ({t: e.textContent, b: e.getBBox()}));
	const overlaps = [];
	for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
		const a = boxes[i].b, b = boxes[j].b;
		if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlaps.push(boxes[i].t + ' / ' + boxes[j].t);
	}
	return {
		hash: decodeURIComponent(location.hash),
		title: document.getElementById('talk-title').textContent,
		results: all('#results button.talk').map(b => b.textContent),
		kinds: all('#graph .node').reduce((m, n) => (m[n.dataset.kind] = (m[n.dataset.kind] || 0) + 1, m), {}),
		labels: all('#graph .node > text').map(e => Array.from(e.querySelectorAll('tspan')).map(s => s.textContent).join(' ')),
		overlaps: overlaps,
		related: all('#related li.related-talk button').map(b => b.textContent),
		reasons: all('#related li.related-talk .reason').map(e => e.textContent),
		lines: all('#themes polyline').length,
		ticks: all('#themes .axes > text:not(.axis-label)').map(e => e.textContent),
		axes: all('#themes .axis-label').map(e => e.textContent),
		legend: all('#legend li').map(e => e.textContent),
		pageWidth: document.documentElement.scrollWidth,
		chartWidth: document.getElementById('themes').viewBox.baseVal.width,
		error: document.getElementById('talk-meta').textContent,
		errorClass: document.getElementById('talk-meta').className,
		errorColor: getComputedStyle(document.getElementById('talk-meta')).color,
	};
})()`

func readState(st *explorerState) chromedp.Action[chromedp.Void] {
	return into(st, chromedp.Evaluate[explorerState](readExplorer))
}

func TestExplorer(t *testing.T) {
	ctx := browser(t)
	f := browserQuerier(t)
	api := httptest.NewServer(New(Config{}, f, packs(t), nil))
	defer api.Close()

	// A search deep link runs the search; picking a talk puts it in the
	// link.
	var st explorerState
	err := chromedp.Do(ctx,
		chromedp.Navigate(api.URL+"/#q=django"),
		chromedp.WaitVisible(chromedp.CSS("#results button.talk")),
		chromedp.Click(chromedp.CSS("#results button.talk")),
		chromedp.WaitVisible(chromedp.CSS("#graph .node-talk")),
		chromedp.WaitVisible(chromedp.CSS("#related li.related-talk")),
		chromedp.WaitVisible(chromedp.CSS("#themes polyline")),
		readState(&st),
	)
	if err != nil {
		t.Fatalf("explore: %v", err)
	}
	screenshot(t, ctx, "explorer")
	if want := []string{"Taking Django Async", "Django ORM internals"}; fmt.Sprint(st.Results) != fmt.Sprint(want) {
		t.Errorf("results = %q, want %q", st.Results, want)
	}
	if st.Hash != "#q=django&talk=talk:taking-django-async" {
		t.Errorf("hash = %q, want the search and the talk", st.Hash)
	}
	// One talk, its speaker, two tools, two concepts and two related talks.
	if want := map[string]int{"talk": 1, "speaker": 1, "tool": 2, "concept": 2, "related": 2}; fmt.Sprint(st.Kinds) != fmt.Sprint(want) {
		t.Errorf("graph nodes by kind = %v, want %v", st.Kinds, want)
	}
	// Labels are whole (wrapped, never cut) and do not overlap.
	nospace := func(s string) string { return strings.Join(strings.Fields(s), "") }
	for _, l := range []string{"Taking Django Async", "Andrew Godwin", "ASGI", "ORM", "Django ORM internals", hostileTitle} {
		if !slices.ContainsFunc(st.Labels, func(got string) bool { return nospace(got) == nospace(l) }) {
			t.Errorf("graph labels %q lack %q whole", st.Labels, l)
		}
	}
	if len(st.Overlaps) > 0 {
		t.Errorf("graph labels overlap: %q", st.Overlaps)
	}
	// The related talks are listed with their reasons in plain sight.
	if want := []string{"Django ORM internals", hostileTitle}; !slices.Equal(st.Related, want) {
		t.Errorf("related list = %q, want %q", st.Related, want)
	}
	if want := []string{"Shared: ORM, Django", "Shared: async"}; !slices.Equal(st.Reasons, want) {
		t.Errorf("related reasons = %q, want %q", st.Reasons, want)
	}
	// The theme chart is in shares, with labelled axes and a legend.
	if st.Lines != 2 || !slices.Contains(st.Ticks, "25%") || !slices.Contains(st.Ticks, "0%") || !slices.Contains(st.Ticks, "2018") {
		t.Errorf("themes chart: %d lines, ticks %q; want 2 lines, a 0%%..25%% axis and the years", st.Lines, st.Ticks)
	}
	if !slices.Equal(st.Axes, []string{"year", "share of the year's talks"}) {
		t.Errorf("axis labels = %q", st.Axes)
	}
	if want := []string{"Django (4 editions, 9 talks)", "async (3 editions, 5 talks)"}; !slices.Equal(st.Legend, want) {
		t.Errorf("legend = %q, want %q", st.Legend, want)
	}

	// A related talk, in the list or in the drawing, opens that talk.
	for _, sel := range []string{"#related li.related-talk button", `#graph .node-related[data-id="talk:hostile"] circle`} {
		// An SVG shape has no offsetParent, which chromedp.Click waits for:
		// the click is dispatched where the user would click.
		click := `document.querySelector(` + strconv.Quote(sel) + `).dispatchEvent(new MouseEvent('click', {bubbles: true}))`
		var clicked bool
		err = chromedp.Do(ctx, into(&clicked, chromedp.Evaluate[bool](click)), chromedp.Sleep(300*time.Millisecond), readState(&st))
		if err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
		want := "talk:django-orm"
		if strings.Contains(sel, "hostile") {
			want = "talk:hostile"
		}
		if !strings.HasSuffix(st.Hash, "talk="+want) || f.last(t).Params["talk"] != want {
			t.Errorf("click %s: hash %q, last query %v; want talk %s", sel, st.Hash, f.last(t).Params, want)
		}
	}

	// A talk's deep link opens it on a narrow screen: nothing wider than
	// the screen.
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(420, 900),
		chromedp.Navigate("about:blank"), // a new page, not a change of hash
		chromedp.Navigate(api.URL+"/#talk=talk:taking-django-async"),
		chromedp.WaitVisible(chromedp.CSS("#related li.related-talk")),
		chromedp.WaitVisible(chromedp.CSS("#themes polyline")),
		readState(&st),
	)
	if err != nil {
		t.Fatalf("narrow: %v", err)
	}
	screenshot(t, ctx, "explorer-420")
	if st.Title != "Taking Django Async" || st.PageWidth > 420 || len(st.Overlaps) > 0 || st.ChartW > 420 {
		t.Errorf("at 420 px: title %q, page %d px wide, theme chart %g units wide, overlaps %q", st.Title, st.PageWidth, st.ChartW, st.Overlaps)
	}

	// An error is styled as one.
	err = chromedp.Do(ctx,
		chromedp.ResetViewport(),
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(api.URL+"/#talk=talk:broken"),
		chromedp.WaitVisible(chromedp.CSS("#talk-meta.error")),
		readState(&st),
	)
	if err != nil {
		t.Fatalf("error view: %v", err)
	}
	if !strings.Contains(st.Error, "talk:broken") || st.ErrorCol != "rgb(170, 0, 0)" {
		t.Errorf("error: %q (class %q, color %s), want the talk named in red", st.Error, st.ErrorCls, st.ErrorCol)
	}
}

// TestExplorer_apiKey: on a server that requires a key, the page asks for
// it, says when one is refused, and with the right one shows the search
// and the themes, sending the key as a bearer token.
func TestExplorer_apiKey(t *testing.T) {
	ctx := browser(t)
	f := browserQuerier(t)
	cfg := Config{APIKey: "the-right-key-1234"}
	api := httptest.NewServer(New(cfg, f, packs(t), nil))
	defer api.Close()
	var status, results string
	err := chromedp.Do(ctx,
		chromedp.Navigate(api.URL+"/#q=django"),
		chromedp.WaitVisible(chromedp.CSS("#key-form")),
	)
	if err != nil {
		t.Fatalf("ask: %v", err)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#key"), "a-wrong-key"),
		chromedp.Click(chromedp.CSS("#key-form button")),
		chromedp.WaitVisible(chromedp.CSS("#key-status.error")),
		into(&status, chromedp.Text(chromedp.CSS("#key-status"))),
	)
	if err != nil {
		t.Fatalf("wrong key: %v", err)
	}
	if !strings.Contains(status, "refused") {
		t.Errorf("after a wrong key the page says %q", status)
	}
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.CSS("#key"), "the-right-key-1234"),
		chromedp.Click(chromedp.CSS("#key-form button")),
		chromedp.WaitVisible(chromedp.CSS("#results button.talk")),
		chromedp.WaitVisible(chromedp.CSS("#themes polyline")),
		chromedp.WaitNotVisible(chromedp.CSS("#key-form")),
		into(&results, chromedp.Text(chromedp.CSS("#results"))),
	)
	if err != nil {
		t.Fatalf("right key: %v", err)
	}
	if !strings.Contains(results, "Taking Django Async") {
		t.Errorf("results with the key: %q", results)
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

// TestExplorer_embedded drives the explorer and the widget over the API of
// the embedded store holding the example notes: no Neo4j anywhere.
func TestExplorer_embedded(t *testing.T) {
	ctx := browser(t)
	s, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Apply(t.Context(), graph.Changeset{Put: storetest.WithRelated(storetest.ExampleNotes(t, nil))}); err != nil {
		t.Fatal(err)
	}
	api := httptest.NewServer(New(Config{CORSOrigins: []string{"*"}}, s, packs(t), nil))
	defer api.Close()

	var st explorerState
	err = chromedp.Do(ctx,
		chromedp.Navigate(api.URL+"/#q=webassembly"),
		chromedp.WaitVisible(chromedp.CSS("#results button.talk")),
		chromedp.Click(chromedp.CSS("#results button.talk")),
		chromedp.WaitVisible(chromedp.CSS("#related li.related-talk")),
		chromedp.WaitVisible(chromedp.CSS("#themes polyline")),
		readState(&st),
	)
	if err != nil {
		t.Fatalf("explore: %v", err)
	}
	screenshot(t, ctx, "explorer-embedded")
	if len(st.Results) == 0 || !strings.Contains(strings.ToLower(st.Results[0]), "webassembly") {
		t.Errorf("search results %q, want WebAssembly talks first", st.Results)
	}
	if len(st.Related) == 0 || len(st.Reasons) == 0 || st.Kinds["related"] == 0 || st.Lines == 0 || len(st.Overlaps) > 0 {
		t.Errorf("explorer on the embedded store: related %q, reasons %q, kinds %v, %d theme lines, overlaps %q", st.Related, st.Reasons, st.Kinds, st.Lines, st.Overlaps)
	}

	apiURL := api.URL
	attrs := `data-talkgraph-related="talk:jsconf-eu-2019:webassembly-for-the-rest-of-us" data-talkgraph-api="` + api.URL + `"`
	page := widgetPage(t, &apiURL, &attrs)
	var items []renderedItem
	err = chromedp.Do(ctx,
		chromedp.Navigate(page.URL),
		chromedp.WaitVisible(chromedp.CSS("#box .tg-item")),
		into(&items, chromedp.Evaluate[[]renderedItem](readItems)),
	)
	if err != nil {
		t.Fatalf("widget: %v", err)
	}
	if len(items) == 0 || !strings.HasPrefix(items[0].Reason, "Shared: ") {
		t.Errorf("widget on the embedded store: %+v", items)
	}
}
