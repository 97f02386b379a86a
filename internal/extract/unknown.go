package extract

import (
	"net/url"
	"strings"

	"github.com/talkgraph/talkgraph/internal/fold"
	"github.com/talkgraph/talkgraph/internal/names"
	"github.com/talkgraph/talkgraph/internal/notes"
)

// linkName reads a name the lexicon does not know from a link whose text
// is the name of the site it points at: "[Reflex](https://reflex.dev/)",
// "[Tilde](https://github.com/Umuzi-org/tilde)". A product, library or
// service site makes it a tool; a site under .org with a name such as
// "Samaritans" an organization.
func (mn *miner) linkName(in notes.Inline) {
	text := strings.TrimSpace(in.Text)
	ws := strings.Fields(text)
	if len(ws) == 0 || len(ws) > 3 || mn.x.matcher().known(text) || !startsUpperOrCamel(text) {
		return
	}
	key := fold.Key(text)
	if len(key) < 3 || genericLinkText[strings.ToLower(text)] || names.Person(text, names.Options{}) >= names.Likely {
		return
	}
	u, err := url.Parse(in.URL)
	if err != nil || u.Host == "" {
		return
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	site := fold.Key(strings.Split(host, ".")[0])
	project, repo := projectOf(host, u.Path)
	named := strings.HasPrefix(site, key) || strings.HasPrefix(key, site) && len(site) >= 4 ||
		repo && strings.Contains(fold.Key(project), key) || strings.Contains(fold.Key(host), key)
	if !named {
		return
	}
	kind, why := PartTool, "link to its site"
	if strings.HasSuffix(host, ".org") && !repo && !names.Common(strings.ToLower(text)) && len(ws) <= 2 && !hasInnerUpper(text) {
		kind, why = PartOrganization, "link to its .org site"
	}
	mn.c.add(mention{name: text, kind: kind, line: in.Line, conf: 0.55, why: why + " (" + host + ")", text: text})
	mn.cc.exclude(text)
}

// projectOf returns the project a link to a code or package host names:
// the repository of github.com/OWNER/REPO, the package of pypi.org/project/
// NAME, npmjs.com/package/NAME and crates.io/crates/NAME, and "" for the
// project sites of readthedocs.io and github.io, whose name is their host's
// first label (a page deep in the docs names the project, not itself). repo
// reports whether host is one of these.
func projectOf(host, path string) (project string, repo bool) {
	seg := strings.Split(strings.Trim(strings.ToLower(path), "/"), "/")
	at := func(i int) string {
		if i < len(seg) {
			return seg[i]
		}
		return ""
	}
	switch {
	case host == "github.com" || host == "gitlab.com":
		return at(1), true
	case host == "pypi.org", host == "www.npmjs.com", host == "npmjs.com", host == "crates.io":
		return at(1), true
	case strings.HasSuffix(host, ".readthedocs.io"), strings.HasSuffix(host, ".github.io"):
		return "", true
	}
	return "", false
}

// startsUpperOrCamel reports whether s starts with a capital letter or is
// one word with a capital inside ("chezmoi" is neither; "iRuby" is).
func startsUpperOrCamel(s string) bool {
	rs := []rune(s)
	if len(rs) == 0 {
		return false
	}
	if rs[0] >= 'A' && rs[0] <= 'Z' {
		return true
	}
	return hasInnerUpper(s)
}

// genericLinkText are link texts that name no thing.
var genericLinkText = wordSet([]byte(`here link links this that slides video videos talk website site page docs
documentation repo repository source code blog post article paper demo github twitter homepage home more`))
