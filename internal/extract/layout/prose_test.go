package layout

import "testing"

func TestRead_prose(t *testing.T) {
	checkReads(t, []readCase{
		{"bold and italic titles share a line",
			"# Denver\n\n## Tuesday\n\nI saw **The Scheduler Saga** by Kavya Joshi, then *Profiling in Anger* by [Ana Ruiz](https://e.com).\n",
			[]string{"1 -Denver", "3 -Tuesday", "5 talk The Scheduler Saga [Kavya Joshi] prose", "5 talk Profiling in Anger [Ana Ruiz] prose"}},
		{"quoted titles, a clause after the speaker, a kind before the title",
			"I caught \"Observability for Small Teams\" by Tunde Bakare in the monitoring room. The keynote, **Go for Scientists** by Helga Brandt, was great.\n",
			[]string{"1 talk Observability for Small Teams [Tunde Bakare] prose", "1 keynote Go for Scientists [Helga Brandt] prose"}},
		{"speakers before the title: possessives and handles",
			"> Asher Corey's [40K LOCs to Build 1st Web Sonogram](https://www.youtube.com/watch?v=1)\n\n> [@lucascs](https://twitter.com/lucascs)'s talk [Building a Double Entry Accounting System](https://www.youtube.com/watch?v=2)\n\n> [@cgrand](https://twitter.com/cgrand) and Igor Ges on [Powderkeg: Teaching Clojure to Spark](https://www.youtube.com/watch?v=3).\n",
			[]string{"1 talk 40K LOCs to Build 1st Web Sonogram [Asher Corey] prose",
				"3 talk Building a Double Entry Accounting System [ @lucascs] prose",
				"5 talk Powderkeg: Teaching Clojure to Spark [ @cgrand, Igor Ges] prose"}},
		{"a styled phrase without a speaker is no talk",
			"Use **connection pooling** everywhere, said the docs.\n",
			nil},
		{"prose in the body of a scheduled talk tells of it, not of another talk",
			"# JSConf\n\n10:00 Streams explained\npresented by Jakob Stein\n\nHe ended with Ryan Dahl's \"10 Things I Regret About Node.js\" from last year.\n\n11:00 Keep Calm\npresented by Sofia Lind\n",
			[]string{"1 -JSConf", "3 talk Streams explained [Jakob Stein] schedule", "8 talk Keep Calm [Sofia Lind] schedule"}},
	})
}
