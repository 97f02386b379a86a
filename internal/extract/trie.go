package extract

// trie holds the folded keys of the lexicon's names byte by byte, so that
// a name growing token by token is followed without building a string for
// each prefix and hashing it: node 0 is the root, and a node exists for
// every prefix of every key.
type trie struct {
	nodes []trieNode
}

type trieNode struct {
	edges []trieEdge // sorted by byte
}

type trieEdge struct {
	b    byte
	next int32
}

func newTrie() *trie { return &trie{nodes: []trieNode{{}}} }

// add adds key.
func (t *trie) add(key string) {
	n := int32(0)
	for i := 0; i < len(key); i++ {
		next := t.next(n, key[i])
		if next < 0 {
			next = int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{})
			es := t.nodes[n].edges
			at := 0
			for at < len(es) && es[at].b < key[i] {
				at++
			}
			es = append(es, trieEdge{})
			copy(es[at+1:], es[at:])
			es[at] = trieEdge{key[i], next}
			t.nodes[n].edges = es
		}
		n = next
	}
}

// next returns the node after n by byte b, or -1.
func (t *trie) next(n int32, b byte) int32 {
	es := t.nodes[n].edges
	if len(es) > 8 {
		lo, hi := 0, len(es)
		for lo < hi {
			mid := (lo + hi) / 2
			if es[mid].b < b {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		if lo < len(es) && es[lo].b == b {
			return es[lo].next
		}
		return -1
	}
	for _, e := range es {
		if e.b == b {
			return e.next
		}
	}
	return -1
}

// walk follows s from node n and returns the node reached, or -1 when no
// key goes on so. A negative n stays negative.
func (t *trie) walk(n int32, s string) int32 {
	for i := 0; i < len(s) && n >= 0; i++ {
		n = t.next(n, s[i])
	}
	return n
}
