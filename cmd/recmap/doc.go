// Command recmap turns monitoring-body reports (GRETA, UN UPR), legal texts
// (EU directives, conventions) and national action plans into citable items,
// indexes them for search, maps every recommendation to the national actions
// and provisions that answer it, and keeps that mapping as an Excel
// compliance matrix that staff edit and re-import.
//
// Usage:
//
//	recmap COMMAND [flags] [arguments]
//
// Run "recmap help" for the list of commands and "recmap help COMMAND" for
// one command's flags.
//
// Exit codes:
//
//	0  success
//	1  the command failed
//	2  the command line was wrong
//	3  the command finished, but some inputs failed (a batch goes on past a
//	   bad file and reports it; an import reports rejected cells and
//	   conflicts)
package main
