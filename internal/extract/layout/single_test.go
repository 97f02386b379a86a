package layout

import "testing"

func TestRead_single(t *testing.T) {
	checkReads(t, []readCase{
		{"front matter names the speaker",
			"---\ntitle: What I learned writing operators\nspeaker: Noor Haddad\n---\n\n## Reconcile loops\n\ntext\n",
			[]string{"2 talk What I learned writing operators [Noor Haddad] single"}},
		{"a speaker's heading under the title",
			"# Simplicity Matters\n\n## Speaker: Chris Hickey (creator of Clojure)\n\n### Word Origins\n\ntext\n\n### Limits\n\nmore\n",
			[]string{"1 talk Simplicity Matters [Chris Hickey] single"}},
		{"a by-line with a profile link under an underlined title",
			"Embracing the Global Interpreter Lock (GIL)\n====================\n\nA talk by [David Beazley](http://twitter.com/dabeaz) on the GIL.\n\nOutline\n-------\n\n- Intro\n",
			[]string{"1 talk Embracing the Global Interpreter Lock (GIL) [David Beazley @dabeaz] single"}},
		{"a Speaker: bullet further down",
			"# Monad, I Love You\n\n## Summary\n\ntext\n\n## Resources\n\n- Conference blurb: https://example.com\n- Speaker: Gjeta Gjyshinca\n",
			[]string{"1 talk Monad, I Love You [Gjeta Gjyshinca] single"}},
		{"a session code, and speakers an abstract names",
			"# DOP328 - Five lessons from principal engineers\n\nJoin Andrew Certain, Becky Weiss, and Marc Brooker as they share stories.\n\n## Monitoring with percentiles\n\n- text\n",
			[]string{"1 talk Five lessons from principal engineers [Andrew Certain, Becky Weiss, Marc Brooker] single"}},
		{"a titled note that names no speaker is one talk",
			"# Packaging Python in 2019\n\nWheels everywhere, and pip.\n",
			[]string{"1 talk Packaging Python in 2019 [] single"}},
		{"a note titled after its event is no talk",
			"# PyCon 2019 notes\n\nLots of people. Good coffee.\n",
			[]string{"1 -PyCon 2019 notes"}},
	})
}
