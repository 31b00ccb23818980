package index

// SetSchemaVersionForTest overwrites the schema version stored in x, to
// simulate an index built by another recmap.
func SetSchemaVersionForTest(x *Index, v string) error {
	return x.bi.SetInternal([]byte(schemaKey), []byte(v))
}

// UseBleveFacetsForTest makes Search count facets with a Bleve facet
// request, the slow path that the facet cache must agree with.
func UseBleveFacetsForTest(x *Index, on bool) {
	x.bleveFacets = on
}
