package extract

import "github.com/talkgraph/talkgraph/internal/names"

func wordSet(b []byte) map[string]bool { return names.WordSet(b) }

// stopWords are function words that never start or end a key phrase.
var stopWords = wordSet([]byte(`a an the and or but of in on at to for from by with without into onto over under
about as is are was were be been being it its this that these those your you we our us i my me he she they them his her
their how what why when where who which not no yes do does did can could should would will may might must so than then am
too very just also more most less some any all each every via vs using use used new next first second part get make
here there really quite lot lots bit much many few own other another such same like etc eg ie somebody someone
something anybody anyone anything everybody everyone everything nobody nothing none whatever whoever whenever
wherever however maybe perhaps still even already almost always never often sometimes usually again once twice ever
yet though although because since while until unless whether either neither both`))

// titleFiller are words that make a title but name no topic.
var titleFiller = wordSet([]byte(`talk talks keynote keynotes lightning tutorial panel workshop session sessions intro
introduction beyond lesson lessons learned taking level way ways guide thing things tip tips trick tricks story stories
journey world life year years day days hour hours minute minutes flat start started starting let lets want need needs
know really good great best better real simple deep dive everything anything something nothing everyone anyone people
person successful success make making made sure code like idea ideas question questions answer answers demo demos
slide slides video videos notes note link links today tomorrow yesterday time times stuff point points part parts
kind kinds sort lot example examples case cases problem problems approach approaches look overview summary rest end
beginning future past state topic topics opening closing welcome morning afternoon evening recap wrap remark remarks
orientation`))
