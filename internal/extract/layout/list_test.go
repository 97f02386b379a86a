package layout

import "testing"

func TestRead_lists(t *testing.T) {
	checkReads(t, []readCase{
		{"speaker first, with comments; one title has a colon",
			"## Friday\n\n- Sam Okonkwo - Typing Your Way Out of Legacy Code - mypy module by module\n- Lukas Brandt - Profiling Async Code Without Tears - py-spy demos\n- Hyun-woo Park - Rust Extensions with PyO3: A Gentle Introduction\n",
			[]string{"1 -Friday", "3 talk Typing Your Way Out of Legacy Code [Sam Okonkwo] list",
				"4 talk Profiling Async Code Without Tears [Lukas Brandt] list", "5 talk Rust Extensions with PyO3: A Gentle Introduction [Hyun-woo Park] list"}},
		{"title first with em dashes; a comment is no affiliation",
			"- Async views — Ben Okafor — really clear, ASGI explained\n- Wagtail in the Newsroom — Clara Dupont, Le Monde — not my area\n- Pooling — Ana Ruiz — PgBouncer tips\n",
			[]string{"1 talk Async views [Ben Okafor] list", "2 talk Wagtail in the Newsroom [Clara Dupont (Le Monde)] list",
				"3 talk Pooling [Ana Ruiz] list"}},
		{"numbered speaker, title lists whose titles wrap",
			"## Talks\n\n1. Brett Cannon, Welcome & Morning Keynote\n\n2. Daniel Tamayo, REBOUND, a high-performance Python/C package for simulating\n   planetary and satellite orbits:\n\n3. Frédéric Harper, Is your Python application secure?\n",
			[]string{"1 -Talks", "3 keynote Welcome & Morning Keynote [Brett Cannon] list",
				"5 talk REBOUND, a high-performance Python/C package for simulating planetary and satellite orbits [Daniel Tamayo] list",
				"8 talk Is your Python application secure? [Frédéric Harper] list"}},
		{"title then the speaker in italics, under bold labels",
			"**Workshops attended**\n\n- Android for Java Developers _Marko Gargenta (Marakana)_\n- Building Native Mobile Apps Using Open Source Kevin Whinnery (Appcelerator)\n\n**Sessions attended**\n\n- Practical Concurrency _Tim Bray (Google, Inc.)_\n- Make Open Easy _By Dan Bentley (Google)_\n",
			[]string{"3 workshop Android for Java Developers [Marko Gargenta (Marakana)] list",
				"4 workshop Building Native Mobile Apps Using Open Source [Kevin Whinnery (Appcelerator)] list",
				"8 talk Practical Concurrency [Tim Bray (Google, Inc)] list", "9 talk Make Open Easy [Dan Bentley (Google)] list"}},
		{"linked titles to one site, with takeaways and a title that wraps",
			"- [What’s New in SwiftUI](https://developer.apple.com/wwdc21/10018): great modifiers\n- [Meet DocC](https://developer.apple.com/wwdc21/10166): docs\n- [Craft search experiences in\n  SwiftUI](https://developer.apple.com/wwdc21/10176): little code\n",
			[]string{"1 talk What’s New in SwiftUI [] list", "2 talk Meet DocC [] list", "3 talk Craft search experiences in SwiftUI [] list"}},
		{"a list of links is no list of talks",
			"## More Links\n\n- [Conference site](https://a.example/)\n- [Notes from Noah Chase](https://b.example/)\n- [Slides](https://c.example/x)\n",
			[]string{"1 -More Links"}},
		{"a talk named again in a top 3 list is not read twice",
			"## Day one\n\n### Lazy Java - Mario Fusco\n\ntext\n\n### Devops @Scale - Baruch Sadogursky\n\ntext\n\n# Top 3 talks\n\n1. Lazy Java\n2. Video Games are for idiots - Laurent Victorino (fun)\n3. Devops @Scale - Baruch Sadogursky\n",
			[]string{"1 -Day one", "3 talk Lazy Java [Mario Fusco] heading", "7 talk Devops @Scale [Baruch Sadogursky] heading",
				"11 -Top 3 talks", "14 talk Video Games are for idiots [Laurent Victorino] list"}},
	})
}
