module github.com/jackc/puddle/v2

go 1.26
