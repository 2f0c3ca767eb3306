module github.com/blockcheck/blockcheck/bench

go 1.26.0

require (
	github.com/alitto/pond/v2 v2.7.1
	github.com/blockcheck/blockcheck v0.0.0
	github.com/panjf2000/ants/v2 v2.12.1
	golang.org/x/sync v0.25.0
)

replace github.com/blockcheck/blockcheck => ..
