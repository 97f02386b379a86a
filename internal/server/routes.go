package server

// route is one endpoint: a ServeMux method and path pattern and its handler.
type route struct {
	Method  string
	Path    string
	Handler handlerFunc
}

// routes is every route of the API, all read-only. openapi.yaml documents
// each one; TestOpenAPIMatchesRoutes keeps the two in step.
var routes = []route{
	{"GET", "/api/v1/{$}", (*server).apiIndex},
	{"GET", "/api/v1/talks", (*server).searchTalks},
	{"GET", "/api/v1/talks/{id}", (*server).talk},
	{"GET", "/api/v1/talks/{id}/related", (*server).relatedTalks},
	{"GET", "/api/v1/themes", (*server).themes},
	{"GET", "/api/v1/speakers/{name}/talks", (*server).speakerTalks},
	{"GET", "/api/v1/queries", (*server).listQueries},
	{"GET", "/api/v1/queries/{pack}/{name}", (*server).runQuery},
	{"GET", "/api/v1/openapi.yaml", (*server).openAPI},
	{"GET", "/{$}", explorer},
	{"GET", "/explorer.js", explorerJS},
	{"GET", "/widget.js", widgetJS},
}
