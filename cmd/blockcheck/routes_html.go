package main

import "io"

func writeMapHTML(w io.Writer, rm routeMap) error { return writeMapText(w, rm) }
