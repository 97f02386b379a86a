package layout

import "testing"

func TestRead_headings(t *testing.T) {
	checkReads(t, []readCase{
		{"title and speaker in one heading, in either order, under day headings",
			"# PyCon 2019 notes\n\n## Day 1\n\n### Taking Django Async (Andrew Godwin)\n\ntext\n\n#### Details\n\nmore\n\n### Lunch\n\nfood\n\n### Ying Li: Security is everyone's job\n",
			[]string{"1 -PyCon 2019 notes", "3 -Day 1", "5 talk Taking Django Async [Andrew Godwin] heading", "13 -Lunch",
				"17 talk Security is everyone's job [Ying Li] heading"}},
		{"speaker-first headings where one title holds a dash",
			"# Ignite Sessions\n\n## Glenn Sarti - Sharing: What's in it for me?\n\n- notes\n\n## Adam Lefkowitz - Automate all the things - including your brain\n\n**SKIPPED**\n",
			[]string{"1 -Ignite Sessions", "3 lightning Sharing: What's in it for me? [Glenn Sarti] heading",
				"7 lightning Automate all the things - including your brain [Adam Lefkowitz] heading"}},
		{"a kind before the speakers on the line under the title",
			"## practical scraping\n\ntutorial, wednesday morning, presented by Anika Roy and Paul Mercier\n\nnotes\n\n## import system internals\n\npresented by Kasia Nowak\n",
			[]string{"1 tutorial practical scraping [Anika Roy, Paul Mercier] heading", "7 talk import system internals [Kasia Nowak] heading"}},
		{"speaker on the line under the title",
			"## Scaling Postgres\n\nby Jane Doe & John Roe\n\nnotes\n\n## Rust for Pythonistas\n\n_Ana Ruiz_\n\nmore\n\n## Closing thoughts\n\nGreat year.\n",
			[]string{"1 talk Scaling Postgres [Jane Doe, John Roe] heading", "7 talk Rust for Pythonistas [Ana Ruiz] heading", "13 -Closing thoughts"}},
		{"a speaker's heading with the title in italics under it, grouped under a keynote heading",
			"## Day 1\n\n### Keynote\n\n#### Laura Bell [@lady_nerd](https://twitter.com/lady_nerd) - SafeStack\n\n*Securing organizations through bad behavior*\n\n- security\n\n#### Dana Quinn - Intuit\n\n*Lessons from the hybrid cloud*\n\n- costs\n",
			[]string{"1 -Day 1", "3 -Keynote", "5 keynote Securing organizations through bad behavior [Laura Bell @lady_nerd (SafeStack)] heading",
				"11 keynote Lessons from the hybrid cloud [Dana Quinn (Intuit)] heading"}},
		{"bullets of speakers with handles and a role under the title",
			"## Day 1 - 0945 - Keynote\n\n- Jay Miller [@kjaymiller](https://twitter.com/kjaymiller)\n- Melanie Arbor [@melaniearbor](https://twitter.com/melaniearbor)\n\ntext\n\n## Day 1 - 1030 - What IMPACT will you have?\n\nCalvin Hendryx-Parker\n[@calvinhp](https://twitter.com/calvinhp)\nCo-founder & CTO at Six Feet Up\n\ntext\n",
			[]string{"1 keynote Keynote [Jay Miller @kjaymiller, Melanie Arbor @melaniearbor] heading",
				"8 talk What IMPACT will you have? [Calvin Hendryx-Parker @calvinhp (Six Feet Up)] heading"}},
		{"underlined titles with a list of names under each",
			"Opening Keynote\n===============\n\nManish Goregaokar, Niko Matsakis, Ashley\nWilliams.\n\nGreat.\n\nMacros for a More Productive Rust\n=================================\n\njam1garner\n\nHelpful.\n\nRust for Non-Systems Programmers\n================================\n\nRebecca Turner\n\nRelevant.\n",
			[]string{"1 keynote Opening Keynote [Manish Goregaokar, Niko Matsakis, Ashley Williams] heading",
				"9 talk Macros for a More Productive Rust [jam1garner] heading", "16 talk Rust for Non-Systems Programmers [Rebecca Turner] heading"}},
		{"an empty welcome is no talk, an empty keynote is",
			"## Welcome\n\n## Async Rust (Tom Berg)\n\ntext\n\n## Keynote\n",
			[]string{"1 -Welcome", "3 talk Async Rust [Tom Berg] heading", "7 keynote Keynote [] heading"}},
		{"a heading that names the speakers of the talk it sits in is part of it",
			"## React Today - [Sophie Alpert](https://twitter.com/sophiebits) & [Dan Abramov](https://twitter.com/dan_abramov)\n\n#### [Sophie Alpert](https://twitter.com/sophiebits)\n\ntext\n\n#### [Dan Abramov](https://twitter.com/dan_abramov)\n\nmore\n\n## 90% Cleaner React - [Ryan Florence](https://twitter.com/ryanflorence)\n",
			[]string{"1 talk React Today [Sophie Alpert @sophiebits, Dan Abramov @dan_abramov] heading",
				"11 talk 90% Cleaner React [Ryan Florence @ryanflorence] heading"}},
		{"a heading with a speaker and an organization but no title",
			"# Lightning Talks\n\n## Freelancing on Rails (John McCaffrey)\n\n- x\n\n## Phil Nash - Mint Digital (Agency)\n\n- y\n",
			[]string{"1 -Lightning Talks", "3 lightning Freelancing on Rails [John McCaffrey] heading", "7 lightning  [Phil Nash (Mint Digital)] heading"}},
	})
}
