" cnet case scripts
autocmd BufRead,BufNewFile *.cnet setfiletype cnet
