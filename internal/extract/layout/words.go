package layout

import (
	"regexp"
	"strings"
)

// Kinds of sessions.
const (
	KindTalk      = "talk"
	KindKeynote   = "keynote"
	KindLightning = "lightning"
	KindTutorial  = "tutorial"
	KindPanel     = "panel"
	KindWorkshop  = "workshop"
	KindOther     = "other"
)

var kindWords = []struct {
	rx   *regexp.Regexp
	kind string
}{
	{regexp.MustCompile(`(?i)\bkey\s?notes?\b`), KindKeynote},
	{regexp.MustCompile(`(?i)\b(?:lightning\s+(?:talks?|sessions?|rounds?|blocks?)|ignite(?:\s+(?:talks?|sessions?))?|pecha[- ]?kucha)\b|^lightning$`), KindLightning},
	{regexp.MustCompile(`(?i)\btutorials?\b|\btraining\s+(?:days?|sessions?)\b|^trainings?$`), KindTutorial},
	{regexp.MustCompile(`(?i)\bpanels?\b`), KindPanel},
	{regexp.MustCompile(`(?i)\b(workshops?|hands[- ]on lab)\b`), KindWorkshop},
	{regexp.MustCompile(`(?i)\b(unsession|unconference|open space|birds of a feather|bof)\b`), KindOther},
}

// kindOf reads the session kind a title or label names ("Keynote #2",
// "Lightning talks", "Ignite Sessions", "Training Days"), or "".
func kindOf(s string) string {
	if !kindHint(s) {
		return ""
	}
	for _, k := range kindWords {
		if k.rx.MatchString(s) {
			return k.kind
		}
	}
	return ""
}

// kindHints are the stems every pattern of kindWords holds: a text with
// none of them names no kind, and its patterns are not tried.
var kindHints = []string{"key", "lightning", "ignite", "pecha", "tutorial", "training", "panel", "workshop",
	"hands", "session", "unconference", "open space", "birds of", "bof"}

func kindHint(s string) bool {
	ls := strings.ToLower(s)
	for _, h := range kindHints {
		if strings.Contains(ls, h) {
			return true
		}
	}
	return false
}

// KindOf returns the session kind a title names ("Keynote #2" is a
// keynote, "Lightning talks" lightning), or "talk".
func KindOf(title string) string {
	if k := kindOf(title); k != "" {
		return k
	}
	return KindTalk
}

// nonTalk matches headings and labels of sessions that are no talk, and of
// parts of a note that tell of no talk.
var nonTalkRx = regexp.MustCompile(`(?i)^(?:the\s+|my\s+|some\s+|other\s+|final\s+|a\s+few\s+)?(?:` +
	`lunch|breakfast|dinner|brunch|coffee|tea|snacks?|drinks|break|coffee break|lunch break|networking|` +
	`party|after[- ]?party|reception|social|happy hour|registration|check[- ]?in|doors open|` +
	`sponsors?|sponsor booths?|booths?|expo(?: hall)?|exhibition|job fair|swag|badges?|ctf|venue|the venue|` +
	`hallway track|open spaces?|sprints?|` +
	`links?|more links|useful links|references?|resources?|further reading|reading list|bibliography|` +
	`slides|videos?|recordings?|photos?|pictures|sketch ?notes|` +
	`summary|in summary|overall|overview|conclusions?|closing thoughts|final thoughts|thoughts|takeaways|` +
	`key takeaways|my takeaways|lessons|wrap[- ]?up|recap|tl;?\s*dr|epilogue|afterword|postscript|ps|` +
	`table of contents|contents|toc|schedule|agenda|program(?:me)?|timetable|` +
	`notes|my notes|other notes|misc(?:ellaneous)?|random (?:notes|thoughts|bits)|odds and ends|` +
	`bits and pieces|everything else|other stuff|other things|updates?|edit|todo|` +
	`thanks|thank you|acknowledg(?:e)?ments|credits|about(?: me)?|introduction|intro|preface|background|` +
	`housekeeping|announcements?|logistics|travel|getting there|accommodation|hotel|the conference|` +
	`the city|general|outline|agenda|questions|q\s?&\s?a|discussion|details|content|contents|` +
	`top \d+(?: talks)?(?: \(.*\))?|favou?rite talks|highlights|best talks|honou?rable mentions|` +
	`what'?s next|next steps|next year|action items|actions for me|to ?do list|my to-?do` +
	`)[\s!.:?]*$`)

// nonTalk reports whether a heading or label names no talk: lunch, links,
// a summary, a welcome without a speaker.
func nonTalk(s string) bool {
	return nonTalkRx.MatchString(cleanLabel(s))
}

// ceremonyRx matches the sessions that open and close a day: a talk only
// when someone gives it or the note says much about it.
var ceremonyRx = regexp.MustCompile(`(?i)^(?:the\s+)?(?:welcome|welcoming|opening|opening remarks|opening session|` +
	`closing|closing remarks|closing session|closing (?:and|&) thanks|welcome (?:and|&) (?:opening|intro(?:duction)?)|` +
	`opening (?:and|&) welcome|day \w+ (?:closing|opening)|(?:opening|closing) (?:of|for) day \w+|farewell|goodbye)[\s!.:?]*$`)

// ceremony reports whether a heading or label names a welcome or a
// closing.
func ceremony(s string) bool { return ceremonyRx.MatchString(cleanLabel(s)) }

// containerRx matches headings that group talks: days, tracks, rooms,
// times of day, dates, and "Talks", "Sessions", "Keynotes".
var containerRx = regexp.MustCompile(`(?i)^(?:(?:` +
	`(?:day|dia|tag|jour|día)\s*(?:\d+|one|two|three|four|five|i{1,3}|iv)|` +
	`(?:first|second|third|fourth|fifth|last|final)\s+day|` +
	`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|` +
	`(?:morning|afternoon|evening)(?:\s+(?:sessions?|talks?|keynotes?|track))?|` +
	`(?:track|room|hall|stage|ballroom|auditorium)\s+\S+|` +
	`\d{4}-\d{2}-\d{2}|` +
	`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?` +
	`)\b[^()]*` +
	`)[\s!.:]*$`)

// groupRx matches labels that name a group of talks: "Talks", "Keynotes",
// "Workshops attended", "Lightning talks". Over deeper headings they group
// talks; alone ("#### Keynote") they are one.
var groupRx = regexp.MustCompile(`(?i)^(?:` +
	`(?:the\s+|my\s+|some\s+)?(?:talks?|sessions?|presentations?|keynotes?|lightning talks?|workshops?|tutorials?|` +
	`trainings?|training days?|panels?|ignites?|ignite sessions?|ignite talks?|lightning sessions?)` +
	`(?:\s+(?:i\s+|we\s+|that\s+i\s+)?(?:attended|saw|seen|watched|went to|liked|enjoyed))?` +
	`)[\s!.:]*$`)

// Container reports whether a heading or label groups talks (a day, a
// track, "Talks") rather than being one.
func Container(s string) bool { return container(s) || groupLabel(s) }

// container reports whether a heading or label is a day, a date, a track
// or a time of day, which groups talks.
func container(s string) bool {
	c := cleanLabel(s)
	if containerRx.MatchString(c) {
		// "Day 1 - 0945 - Keynote" is a talk slot, not a day
		return !slotRx.MatchString(c)
	}
	return false
}

// groupLabel reports whether a label names a group of talks ("Talks",
// "Workshops attended", "Keynotes").
func groupLabel(s string) bool { return groupRx.MatchString(cleanLabel(s)) }

// slotRx matches a day heading that goes on to name a time or a talk.
var slotRx = regexp.MustCompile(`(?i)^(?:day|dia|tag)\s*\d+\s*[-–—:]\s*\S`)

// talkGroup reports whether a container label says its talks are talks
// ("Talks", "Sessions attended", "Keynotes"), not merely a day or track.
func talkGroup(s string) bool {
	c := strings.ToLower(cleanLabel(s))
	for _, w := range []string{"talk", "session", "presentation", "keynote", "lightning", "workshop",
		"tutorial", "training", "panel", "ignite"} {
		if strings.Contains(c, w) {
			return true
		}
	}
	return false
}

var (
	shortcodeRx = regexp.MustCompile(`:[a-z][a-z0-9_+-]*:`)
	emojiRx     = regexp.MustCompile(`[\x{2600}-\x{27BF}\x{1F300}-\x{1FAFF}\x{2B50}\x{2B55}\x{FE0F}\x{200D}]`)
)

// cleanLabel drops emoji, emoji shortcodes (":star:") and surrounding
// punctuation and space from a heading or label.
func cleanLabel(s string) string {
	s = shortcodeRx.ReplaceAllString(s, " ")
	s = emojiRx.ReplaceAllString(s, " ")
	s = strings.Join(strings.Fields(s), " ")
	return strings.Trim(s, " *_#>-–—:|")
}

// orgWords end or fill the names of organizations.
var orgWords = wordSet(`inc incorporated llc ltd limited gmbh ag sa sas bv nv plc corp corporation company co
labs lab laboratory laboratories systems technologies technology tech software solutions group consulting
consultancy consultants digital media agency studio studios foundation university univ institute college
school academy team teams project services networks network bank partners ventures research analytics
associates industries interactive games entertainment publishing press works collective community communities
society association council committee league club alliance coalition trust initiative centre center
department ministry government agency authority office bureau hq holdings international global`)

// orgEnds are the words that end the name of an organization in running
// prose ("Marine Conservation Society", "Silver Stripe Software"), a
// stricter set than orgWords; weakOrgEnds end topics as often ("Machine
// Learning Systems").
var (
	orgEnds = wordSet(`inc llc ltd gmbh corp corporation society foundation association group institute
university college school academy lab labs laboratory laboratories council consortium alliance collective
committee agency ministry department`)
	weakOrgEnds = wordSet(`software systems technologies solutions consulting studios`)
)

// OrgEnd reports whether w (any case) ends the name of an organization,
// and whether it ends topics as often (weak).
func OrgEnd(w string) (end, weak bool) {
	lw := strings.ToLower(strings.Trim(w, ".,"))
	return orgEnds[lw] || weakOrgEnds[lw], weakOrgEnds[lw]
}

// Opinion reports whether w (lower case) says what the writer thought
// ("great", "disappointing"): a comment, never an organization, a title or
// a concept.
func Opinion(w string) bool { return opinionWords[w] }

// opinionWords mark a comment rather than an organization or a title.
var opinionWords = wordSet(`great good nice cool awesome amazing excellent fantastic brilliant interesting
fun funny boring dull dry meh okay ok loved love liked like enjoyed favourite favorite best worst recommended
recommend must highly really very super pretty quite clear unclear fascinating inspiring entertaining
engaging informative useful helpful insightful solid decent disappointing disappointed weak strong mind
blowing wow lol skipped missed watch rewatch slides`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// videoHosts are sites whose links name a recorded talk.
var videoHosts = []string{"youtube.com", "youtu.be", "vimeo.com", "slideshare.net", "speakerdeck.com",
	"infoq.com/presentations", "media.ccc.de", "pyvideo.org", "confreaks", "wistia", "twitch.tv",
	"developer.apple.com/videos", "developer.apple.com/wwdc", "/talks/", "/sessions/", "/session/", "/talk/",
	"/presentations/", "/videos/", "/watch"}

// videoLink reports whether a URL points at a recording, slides or a
// talk's page.
func videoLink(u string) bool {
	lu := strings.ToLower(u)
	for _, h := range videoHosts {
		if strings.Contains(lu, h) {
			return true
		}
	}
	return false
}

// profileHandle returns the handle a profile link gives ("@dabeaz" for
// https://twitter.com/dabeaz), or "" when the URL is no social profile.
func profileHandle(u string) string {
	m := profileRx.FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	switch strings.ToLower(m[1]) {
	case "share", "intent", "search", "hashtag", "i", "home", "login", "status", "statuses":
		return ""
	}
	return "@" + m[1]
}

var profileRx = regexp.MustCompile(`(?i)^(?:https?://)?(?:www\.|mobile\.)?(?:twitter\.com|x\.com)/@?([A-Za-z0-9_]{1,30})/?(?:[?#].*)?$`)

// personLink reports whether a URL points at a person's profile: a social
// network, a code host, a personal page.
func personLink(u string) bool {
	if profileHandle(u) != "" {
		return true
	}
	lu := strings.ToLower(u)
	for _, h := range []string{"linkedin.com/in/", "github.com/", "gitlab.com/", "mastodon", "bsky.app/profile",
		"instagram.com/", "facebook.com/", "about.me/", "keybase.io/", "fosstodon.org/@", "hachyderm.io/@"} {
		if strings.Contains(lu, h) {
			// a repository is no profile: github.com/user/repo
			if (h == "github.com/" || h == "gitlab.com/") && strings.Count(strings.TrimRight(lu[strings.Index(lu, h)+len(h):], "/"), "/") > 0 {
				return false
			}
			return true
		}
	}
	return false
}
