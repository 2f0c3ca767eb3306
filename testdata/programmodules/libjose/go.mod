module example.com/libjose

go 1.26
