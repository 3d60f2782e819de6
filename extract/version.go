package extract

// Version names the extraction rules: what Extract finds in a note. A store
// records the Version its notes were read with, and a build by a notegraph
// of another Version reads every note again, so that after an upgrade the
// graph is the one a fresh build would give. Raise it with every change to
// what Extract returns; TestVersion fails when the golden facts change and
// Version does not.
const Version = 2
