package layout

import "testing"

func TestRead_plain(t *testing.T) {
	checkReads(t, []readCase{
		{"a title line and a by-line",
			"Scaling Kafka\nby Ana Ruiz\n\nnotes on partitions\n\nRust at the Edge\nby Tom Berg and Lena Park\n\nmore notes\n",
			[]string{"1 talk Scaling Kafka [Ana Ruiz] plain", "6 talk Rust at the Edge [Tom Berg, Lena Park] plain"}},
		{"one talk: a title and a name with the event",
			"Ownership Without Tears\nSam Okonkwo, RustConf 2019\n\nBorrowing finally made sense.\n",
			[]string{"1 talk Ownership Without Tears [Sam Okonkwo] plain"}},
		{"talk lines with indented notes, and a kind label over text bullets",
			"Keynote - Sun-hee Park\n\tteaching Python to kids\n\n\"Lessons from packaging\" by Ruth Abernathy\n\twheels\n\nLightning talks, last block. My favourites:\n\t* \"Black changed our reviews\" - Owen Pratt: no nitpicks\n\t* \"My first CPython PR\" - Aiyana Brooks: devguide\n",
			[]string{"1 keynote Keynote [Sun-hee Park] plain", "4 talk Lessons from packaging [Ruth Abernathy] prose",
				"8 lightning Black changed our reviews [Owen Pratt] prose", "9 lightning My first CPython PR [Aiyana Brooks] prose"}},
	})
}
