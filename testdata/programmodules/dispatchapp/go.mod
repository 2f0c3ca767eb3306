module example.com/dispatchapp

go 1.26

require (
	example.com/libauth v0.0.0
	example.com/libcache v0.0.0
	example.com/libcql v0.0.0
	example.com/libfiles v0.0.0
	example.com/libhookcfg v0.0.0
	example.com/libpgx v0.0.0
	example.com/libzip v0.0.0
)

require github.com/jackc/puddle/v2 v2.2.2 // indirect

replace (
	example.com/libauth => ../libauth
	example.com/libcache => ../libcache
	example.com/libcql => ../libcql
	example.com/libfiles => ../libfiles
	example.com/libhookcfg => ../libhookcfg
	example.com/libpgx => ../libpgx
	github.com/jackc/puddle/v2 => ../libpuddle
	example.com/libzip => ../libzip
)
