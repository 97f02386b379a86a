package server

import (
	"embed"
	"net/http"
)

// static holds the explorer page and the embeddable widget: plain files,
// no build step, nothing fetched from elsewhere at run time.
//
//go:embed static/index.html static/explorer.js static/widget.js
var static embed.FS

func staticFile(name, contentType string) handlerFunc {
	body, err := static.ReadFile("static/" + name)
	if err != nil {
		panic("server: embedded " + name + " is missing: " + err.Error())
	}
	return func(s *server, r *http.Request) (any, error) {
		return raw{contentType: contentType, body: body}, nil
	}
}

// explorer is the explorer page at GET /.
var explorer = staticFile("index.html", "text/html; charset=utf-8")

// explorerJS is the explorer page's script.
var explorerJS = staticFile("explorer.js", "text/javascript; charset=utf-8")

// widgetJS is the related-talks widget that other sites embed; it is sent
// with the API's CORS headers.
var widgetJS = staticFile("widget.js", "text/javascript; charset=utf-8")
