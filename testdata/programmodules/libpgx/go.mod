module example.com/libpgx

go 1.26

require github.com/jackc/puddle/v2 v2.2.2

replace github.com/jackc/puddle/v2 => ../libpuddle
