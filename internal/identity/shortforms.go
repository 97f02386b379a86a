package identity

import "strings"

// shortForms maps a full given name to its usual short forms. It is small and
// hand-written on purpose: a short form is only ever a suggestion (Bob Smith
// and Robert Smith may be two people), never a merge.
var shortForms = map[string]string{
	"abigail":     "abby",
	"alexander":   "alex al sasha",
	"alexandra":   "alex sasha",
	"andrew":      "andy drew",
	"anthony":     "tony",
	"benjamin":    "ben benny",
	"catherine":   "cathy kate katie kat",
	"charles":     "charlie chuck",
	"christina":   "chris tina",
	"christine":   "chris",
	"christopher": "chris kit",
	"daniel":      "dan danny",
	"david":       "dave",
	"donald":      "don",
	"douglas":     "doug",
	"edward":      "ed eddie ted",
	"elizabeth":   "liz beth betty lisa",
	"frederick":   "fred",
	"gabriel":     "gabe",
	"geoffrey":    "geoff",
	"gregory":     "greg",
	"henry":       "hank harry",
	"james":       "jim jimmy jamie",
	"jeffrey":     "jeff",
	"jennifer":    "jen jenny",
	"jessica":     "jess jessie",
	"john":        "jack johnny",
	"jonathan":    "jon",
	"joseph":      "joe joey",
	"joshua":      "josh",
	"katherine":   "kate katie kat kathy",
	"kathryn":     "kate katie kat",
	"kenneth":     "ken kenny",
	"lawrence":    "larry",
	"margaret":    "meg maggie peggy",
	"matthew":     "matt",
	"michael":     "mike mick",
	"nathan":      "nate",
	"nathaniel":   "nate nat",
	"nicholas":    "nick",
	"patricia":    "pat patty trish",
	"patrick":     "pat",
	"peter":       "pete",
	"philip":      "phil",
	"phillip":     "phil",
	"raymond":     "ray",
	"rebecca":     "becky",
	"richard":     "rich rick dick",
	"robert":      "bob rob bobby",
	"ronald":      "ron",
	"samantha":    "sam",
	"samuel":      "sam",
	"stephen":     "steve",
	"steven":      "steve",
	"susan":       "sue",
	"thomas":      "tom",
	"timothy":     "tim",
	"victoria":    "vicky",
	"vincent":     "vince",
	"william":     "bill will billy",
	"zachary":     "zach",
}

// isShortForm reports whether given name a is a known short form of b.
func isShortForm(a, b string) bool {
	for _, f := range strings.Fields(shortForms[b]) {
		if f == a {
			return true
		}
	}
	return false
}
