" Vim syntax file
" Language:    cnet (case scripts: actors, typed ties in layers, stages)
" Filenames:   *.cnet
" Install:     see editors/README.md

if exists("b:current_syntax")
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

" Identifiers are letters and digits of any script, '_' and the middle dots
" '·' and '・'.  Characters above 255 (Chinese included) are keyword
" characters already; add the Latin-1 letters and the dots.
setlocal iskeyword=@,48-57,_,192-214,216-246,248-255,183,12539
syn case match

" comments: '#' to the end of the line
syn keyword cnetTodo contained TODO FIXME XXX NOTE
syn match   cnetComment "#.*$" contains=cnetTodo,@Spell

" strings with escapes \" \\ \n \t \u{4F55}
syn match   cnetEscape contained +\\[\\"nt]+
syn match   cnetEscape contained "\\u{\x\{1,6}}"
syn match   cnetBadEscape contained +\\[^\\"ntu]+
syn region  cnetString start=+"+ skip=+\\\\\|\\"+ end=+"+ oneline contains=cnetEscape,cnetBadEscape,@Spell

" keywords (reserved where a statement starts)
syn keyword cnetDecl      case layer kind stage actor group event
syn keyword cnetStatement let def include import
syn keyword cnetOperator  and or not in for if
syn keyword cnetBoolean   true false

" numbers: 1997, 0.25, 1e3
syn match   cnetNumber  "\<\d\+\%(\.\d\+\)\=\%([eE][-+]\=\d\+\)\=\>"
" spans: 1980..2002 (defined after numbers, so that they win), 1980.., ..1990 (and in STAGE, by the keyword)
syn match   cnetSpan    "\<-\=\d\+\%(\.\d\+\)\=\.\.\%(-\=\d\+\%(\.\d\+\)\=\)\="
syn match   cnetSpan    "\.\.-\=\d\+\%(\.\d\+\)\=\>"

" tie arrows and the other operators
syn match   cnetTie     "--\|->\|<-"
syn match   cnetOp      "==\|!=\|<=\|>=\||"

" a call: a name followed by '('
syn match   cnetCall    "\<\k\+\ze\s*("
" an attribute or argument name: a name followed by '=' (not '==')
syn match   cnetKey     "\<\k\+\ze\s*=[^=]"

" full-width punctuation typed by a Chinese input method is an error
syn match   cnetFullWidth "[，：（）＝；“”｛｝［］]"

hi def link cnetTodo       Todo
hi def link cnetComment    Comment
hi def link cnetEscape     SpecialChar
hi def link cnetBadEscape  Error
hi def link cnetString     String
hi def link cnetDecl       Structure
hi def link cnetStatement  Statement
hi def link cnetOperator   Operator
hi def link cnetBoolean    Boolean
hi def link cnetSpan       Constant
hi def link cnetNumber     Number
hi def link cnetTie        Special
hi def link cnetOp         Operator
hi def link cnetCall       Function
hi def link cnetKey        Identifier
hi def link cnetFullWidth  Error

let b:current_syntax = "cnet"

let &cpo = s:cpo_save
unlet s:cpo_save
