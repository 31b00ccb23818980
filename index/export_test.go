package index

// SetSchemaVersionForTest overwrites the schema version stored in x, to
// simulate an index built by another recmap.
func SetSchemaVersionForTest(x *Index, v string) error {
	return x.bi.SetInternal([]byte(schemaKey), []byte(v))
}
