package workspace_test

import "github.com/recmap/recmap/index"

func indexQuery(text string) index.Query { return index.Query{Text: text, Facets: []string{}} }
