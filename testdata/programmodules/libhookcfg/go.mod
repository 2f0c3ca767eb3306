module example.com/libhookcfg

go 1.26
