package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/talkgraph/talkgraph/graph"
)

func ExampleGraph_MarshalJSON() {
	const note = "pycon-2018.md"
	g := graph.New()
	talk := graph.ID(graph.Talk, "PyCon 2018", "Taking Django Async")
	speaker := graph.ID(graph.Speaker, "Andrew Godwin")
	g.AddNode(graph.Node{ID: talk, Label: graph.Talk,
		Props:   map[string]any{"title": "Taking Django Async", "year": int64(2018), "rating": 4.0},
		Sources: []graph.Source{{Note: note, Line: 12, EndLine: 20}}})
	g.AddNode(graph.Node{ID: speaker, Label: graph.Speaker,
		Props:   map[string]any{"name": "Andrew Godwin"},
		Sources: []graph.Source{{Note: note, Line: 13}}})
	g.AddRel(graph.Rel{Type: graph.Presented, From: speaker, To: talk,
		Sources: []graph.Source{{Note: note, Line: 13}}})

	data, err := json.Marshal(g)
	if err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	json.Indent(&out, data, "", "  ")
	fmt.Println(out.String())

	var back graph.Graph
	if err := json.Unmarshal(data, &back); err != nil {
		fmt.Println(err)
		return
	}
	n, _ := back.Node(talk)
	fmt.Printf("year %T, rating %T\n", n.Props["year"], n.Props["rating"])
	// Output:
	// {
	//   "nodes": [
	//     {
	//       "id": "speaker:andrew-godwin",
	//       "label": "Speaker",
	//       "props": {
	//         "name": "Andrew Godwin"
	//       },
	//       "sources": [
	//         {
	//           "note": "pycon-2018.md",
	//           "line": 13
	//         }
	//       ]
	//     },
	//     {
	//       "id": "talk:pycon-2018:taking-django-async",
	//       "label": "Talk",
	//       "props": {
	//         "rating": 4.0,
	//         "title": "Taking Django Async",
	//         "year": 2018
	//       },
	//       "sources": [
	//         {
	//           "note": "pycon-2018.md",
	//           "line": 12,
	//           "end_line": 20
	//         }
	//       ]
	//     }
	//   ],
	//   "rels": [
	//     {
	//       "type": "PRESENTED",
	//       "from": "speaker:andrew-godwin",
	//       "to": "talk:pycon-2018:taking-django-async",
	//       "sources": [
	//         {
	//           "note": "pycon-2018.md",
	//           "line": 13
	//         }
	//       ]
	//     }
	//   ]
	// }
	// year int64, rating float64
}

func ExampleID() {
	fmt.Println(graph.ID(graph.Person, "Jérôme Petazzoni"))
	fmt.Println(graph.ID(graph.Tool, "C"), graph.ID(graph.Tool, "C++"), graph.ID(graph.Tool, "C#"))
	fmt.Println(graph.ID(graph.Talk, "PyCon 2018", "Taking Django Async"))
	// Output:
	// person:jerome-petazzoni
	// tool:c tool:cplusplus tool:csharp
	// talk:pycon-2018:taking-django-async
}
