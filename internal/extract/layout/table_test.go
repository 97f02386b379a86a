package layout

import "testing"

func TestRead_tables(t *testing.T) {
	checkReads(t, []readCase{
		{"a header names the columns; speaker cells are profile links",
			"## Day One\n\nTalk Title | Speaker | My Notes\n---- | --- | ---\nAccessibility and JS | [Felipe de Albuquerque](https://twitter.com/felipedeolinda) | [Link](/01.md)\nCold War | [Simon Swain](http://twitter.com/simon_swain) | loved it\n",
			[]string{"1 -Day One", "5 talk Accessibility and JS [Felipe de Albuquerque @felipedeolinda] table",
				"6 talk Cold War [Simon Swain @simon_swain] table"}},
		{"speaker column first, and no header the layout knows",
			"| Who | What | Rating |\n|---|---|---|\n| Ana Ruiz | Scaling Kafka | 4/5 |\n| Tom Berg | Rust at the Edge | 5/5 |\n",
			[]string{"3 talk Scaling Kafka [Ana Ruiz] table", "4 talk Rust at the Edge [Tom Berg] table"}},
		{"columns named otherwise: the names tell",
			"| Session | Presenter(s) |\n|---|---|\n| The Dark Side of LLMs | Javan Rasokat |\n| Lunch |  |\n",
			[]string{"3 talk The Dark Side of LLMs [Javan Rasokat] table", "4 -Lunch"}},
	})
}
