package layout

import "testing"

func TestRead_schedule(t *testing.T) {
	checkReads(t, []readCase{
		{"times, a presenter line, breaks",
			"10:00-10:30 Opening & welcome\n\n10:30-11:00 Your div is not a button\npresented by Amara Diallo\n\n12:30 Lunch\n\n13:30 – Node streams, finally explained — Tom Berg\n\n- backpressure\n",
			[]string{"1 -Opening & welcome", "3 talk Your div is not a button [Amara Diallo] schedule", "6 -Lunch",
				"8 talk Node streams, finally explained [Tom Berg] schedule"}},
		{"other clocks and orders",
			"- 9:15am: Ana Ruiz, Scaling Kafka\n- 2:15pm: Tom Berg, Rust at the Edge\n- 3:00pm: Coffee break\n",
			[]string{"1 talk Scaling Kafka [Ana Ruiz] schedule", "2 talk Rust at the Edge [Tom Berg] schedule", "3 -Coffee break"}},
	})
}
