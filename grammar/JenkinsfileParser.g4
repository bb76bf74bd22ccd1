// Parser for Jenkinsfiles. A Jenkinsfile is a Groovy script; `pipeline { ... }` is a method call
// with a closure, exactly as Groovy sees it. This grammar parses the Groovy; the AST builder in
// Parser/ recognises the declarative structure, as Jenkins' own ModelParser does.
parser grammar JenkinsfileParser;

options {
    tokenVocab = JenkinsfileLexer;
    superClass = JenkinsfileParserBase;
}

// ---------------------------------------------------------------------------------------------
// Script structure
// ---------------------------------------------------------------------------------------------

compilationUnit
    : sep? packageDeclaration? ( scriptItem ( sep scriptItem )* sep? )? EOF
    ;

packageDeclaration
    : annotation* PACKAGE qualifiedName sep?
    ;

scriptItem
    : importDeclaration
    | classDeclaration
    | methodDeclaration
    | statement
    ;

sep
    : ( NL | SEMI )+
    ;

nls
    : NL*
    ;

importDeclaration
    : annotation* nls IMPORT STATIC? qualifiedName ( DOT MUL | AS identifier )?
    ;

annotation
    : AT qualifiedName ( LPAREN annotationArguments? RPAREN )? nls
    ;

annotationArguments
    : namedArgument ( COMMA namedArgument )*
    | expression
    ;

qualifiedName
    : identifier ( DOT identifier )*
    ;

// ---------------------------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------------------------

modifier
    : DEF | FINAL | STATIC | PRIVATE | PROTECTED | PUBLIC | ABSTRACT | SYNCHRONIZED | TRANSIENT
    | VOLATILE | NATIVE | STRICTFP
    | annotation
    ;

modifiers
    : ( modifier nls )+
    ;

classDeclaration
    : annotation* modifiers? ( CLASS | INTERFACE | ENUM ) identifier typeParameters?
      ( nls EXTENDS nls typeList )? ( nls IMPLEMENTS nls typeList )? nls classBody
    ;

typeParameters
    : LT identifier ( EXTENDS type )? ( COMMA identifier ( EXTENDS type )? )* GT
    ;

classBody
    : LBRACE sep? ( classMember ( sep classMember )* sep? )? RBRACE
    ;

classMember
    : classDeclaration
    | constructorDeclaration
    | methodDeclaration
    | fieldDeclaration
    | enumConstants
    | STATIC? block
    ;

enumConstants
    : identifier ( COMMA nls identifier )* COMMA?
    ;

constructorDeclaration
    : modifiers? identifier LPAREN formalParameters? RPAREN throwsClause? nls block
    ;

fieldDeclaration
    : modifiers type? variableDeclarators
    | type variableDeclarators
    ;

// `def foo(a, b = 1) { }`, `String foo() { }`, `void foo() { }`, `@NonCPS def foo() { }`
methodDeclaration
    : modifiers typeOrVoid? methodName LPAREN formalParameters? RPAREN throwsClause? nls block
    | typeOrVoid methodName LPAREN formalParameters? RPAREN throwsClause? nls block
    ;

methodName
    : identifier
    | stringLiteral
    ;

typeOrVoid
    : VOID
    | type
    ;

throwsClause
    : nls THROWS typeList
    ;

formalParameters
    : formalParameter ( COMMA nls formalParameter )*
    ;

formalParameter
    : ( FINAL | DEF | annotation )* type? ellipsis? identifier ( nls ASSIGN nls expression )?
    ;

// `String...` is lexed as dots; accept them here.
ellipsis
    : DOT DOT DOT
    | RANGE_INCLUSIVE DOT
    ;

type
    : ( primitiveType | classType ) ( LBRACK RBRACK )*
    ;

primitiveType
    : BOOLEAN_TYPE | BYTE_TYPE | CHAR_TYPE | SHORT_TYPE | INT_TYPE | LONG_TYPE | FLOAT_TYPE | DOUBLE_TYPE
    ;

// A class type starts with an upper-case letter, or is a qualified name ending in one
// (java.util.List). This is how `String foo` is told apart from the command `echo foo`.
classType
    : { IsTypeStart() }? qualifiedClassName typeArguments?
    ;

qualifiedClassName
    : identifier ( DOT identifier )*
    ;

typeArguments
    : LT ( typeArgument ( COMMA typeArgument )* )? GT
    ;

typeArgument
    : type
    | QUESTION ( ( EXTENDS | SUPER ) type )?
    ;

typeList
    : type ( COMMA nls type )*
    ;

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

block
    : LBRACE blockBody RBRACE
    ;

blockBody
    : sep? ( statement ( sep statement )* sep? )?
    ;

statement
    : block                                                                  # blockStatement
    | IF LPAREN expression RPAREN nls statement ( sep? ELSE nls statement )?  # ifStatement
    | FOR LPAREN forControl RPAREN nls statement                             # forStatement
    | WHILE LPAREN expression RPAREN nls statement                           # whileStatement
    | DO nls statement nls WHILE LPAREN expression RPAREN                    # doWhileStatement
    | SWITCH LPAREN expression RPAREN nls LBRACE sep? switchSection* RBRACE  # switchStatement
    | TRY nls block ( nls catchClause )* ( nls FINALLY nls block )?          # tryStatement
    | RETURN expression?                                                     # returnStatement
    | THROW expression                                                       # throwStatement
    | BREAK identifier?                                                      # breakStatement
    | CONTINUE identifier?                                                   # continueStatement
    | ASSERT expression ( ( COLON | COMMA ) nls expression )?                # assertStatement
    | identifier COLON nls statement                                         # labeledStatement
    | localVariableDeclaration                                               # declarationStatement
    | methodDeclaration                                                      # localMethodStatement
    | classDeclaration                                                       # localClassStatement
    | expression                                                             # expressionStatement
    | commandExpression                                                      # commandStatement
    | SEMI                                                                   # emptyStatement
    ;

forControl
    : ( FINAL | DEF )? type? identifier ( IN | COLON ) expression                   # forInControl
    | forInit? SEMI nls expression? SEMI nls expressionList?                           # classicForControl
    ;

forInit
    : localVariableDeclaration
    | expressionList
    ;

switchSection
    : ( switchLabel nls )+ blockBody
    ;

switchLabel
    : CASE expression COLON
    | DEFAULT COLON
    ;

catchClause
    : CATCH LPAREN ( FINAL )? catchTypes? identifier RPAREN nls block
    ;

catchTypes
    : qualifiedClassName ( BITOR qualifiedClassName )*
    ;

localVariableDeclaration
    : modifiers type? variableDeclarators
    | modifiers LPAREN identifier ( COMMA identifier )* RPAREN nls ASSIGN nls expression
    | type variableDeclarators
    ;

variableDeclarators
    : variableDeclarator ( COMMA nls variableDeclarator )*
    ;

variableDeclarator
    : identifier ( nls ASSIGN nls variableInitializer )?
    ;

variableInitializer
    : expression
    | commandExpression
    ;

// `sh 'make'`, `echo "hi"`, `agent any`, `sh script: 'x', returnStdout: true`, `foo.bar 'x'`
commandExpression
    : commandTarget commandArgument ( COMMA nls commandArgument )*
    ;

commandTarget
    : ( THIS DOT )? ( identifier DOT )* commandName
    ;

commandName
    : CMD_IDENTIFIER
    ;

commandArgument
    : namedArgument
    | commandFirstExpression
    ;

// Where both readings are possible, the expression wins (alternatives are ordered so): `foo -1` is a
// subtraction, `foo [1]` an index and `foo (x) {}` a call with a closure, as in Groovy.
commandFirstExpression
    : expression
    ;

// ---------------------------------------------------------------------------------------------
// Expressions, lowest precedence last
// ---------------------------------------------------------------------------------------------

expression
    : postfixExpression                                                                   # postfixExpr
    | castParExpression expression                                                         # castExpr
    | op=( INC | DEC ) expression                                                          # prefixExpr
    | <assoc=right> left=expression op=POWER nls right=expression                          # powerExpr
    // Unary minus binds looser than **, as in Groovy: -a ** 2 is -(a ** 2).
    | op=( NOT | BITNOT | ADD | SUB ) expression                                           # unaryExpr
    | left=expression op=( MUL | DIV | MOD ) nls right=expression                          # multiplicativeExpr
    | left=expression op=( ADD | SUB ) nls right=expression                                # additiveExpr
    | left=expression shiftOperator nls right=expression                                   # shiftExpr
    | left=expression op=( RANGE_INCLUSIVE | RANGE_EXCLUSIVE ) nls right=expression        # rangeExpr
    | left=expression op=( LT | LE | GT | GE | IN | NOT_IN ) nls right=expression          # relationalExpr
    | left=expression op=( INSTANCEOF | NOT_INSTANCEOF ) nls type                          # instanceofExpr
    | left=expression AS nls type                                                          # asExpr
    | left=expression op=( EQUAL | NOT_EQUAL | IDENTICAL | NOT_IDENTICAL | SPACESHIP ) nls right=expression # equalityExpr
    | left=expression op=( REGEX_FIND | REGEX_MATCH ) nls right=expression                 # regexExpr
    | left=expression op=BITAND nls right=expression                                       # bitAndExpr
    | left=expression op=XOR nls right=expression                                          # xorExpr
    | left=expression op=BITOR nls right=expression                                        # bitOrExpr
    | left=expression op=AND nls right=expression                                          # andExpr
    | left=expression op=OR nls right=expression                                           # orExpr
    | <assoc=right> condition=expression nls QUESTION nls whenTrue=expression nls COLON nls whenFalse=expression # ternaryExpr
    | <assoc=right> left=expression nls ELVIS nls right=expression                         # elvisExpr
    | <assoc=right> left=expression assignmentOperator nls right=assignmentValue           # assignmentExpr
    ;

assignmentValue
    : expression
    | commandExpression
    ;

shiftOperator
    : LT LT
    | GT GT GT
    | GT GT
    ;

assignmentOperator
    : ASSIGN | ADD_ASSIGN | SUB_ASSIGN | MUL_ASSIGN | DIV_ASSIGN | MOD_ASSIGN | POWER_ASSIGN
    | AND_ASSIGN | OR_ASSIGN | XOR_ASSIGN | ELVIS_ASSIGN
    | LT LE | GT GE | GT GT GE
    ;

castParExpression
    : LPAREN type RPAREN { IsCastOperandStart() }?
    ;

postfixExpression
    : primary pathElement* op=( INC | DEC )?
    ;

pathElement
    : nls ( DOT | SAFE_DOT | SPREAD_DOT | ATTR_DOT ) nls memberName                        # memberAccess
    | nls ( METHOD_POINTER | METHOD_REF ) nls memberName                                    # methodPointer
    | arguments                                                                             # callArguments
    | nls closure                                                                           # trailingClosure
    | ( LBRACK | SAFE_INDEX ) expressionList RBRACK                                         # indexAccess
    ;

memberName
    : identifier
    | keyword
    | stringLiteral
    | gstring
    | LPAREN expression RPAREN
    ;

arguments
    : LPAREN ( argument ( COMMA nls argument )* COMMA? )? RPAREN
    ;

argument
    : namedArgument
    | MUL expression
    | expression
    ;

namedArgument
    : mapKey COLON nls expression
    | SPREAD_MAP expression
    ;

primary
    : literal                                                      # literalPrimary
    | gstring                                                      # gstringPrimary
    | identifier                                                   # identifierPrimary
    | THIS                                                         # thisPrimary
    | SUPER                                                        # superPrimary
    | LPAREN expression RPAREN                                     # parenPrimary
    | LBRACK COLON RBRACK                                          # emptyMapPrimary
    | LBRACK mapEntry ( COMMA nls mapEntry )* COMMA? RBRACK        # mapPrimary
    | LBRACK ( listElement ( COMMA nls listElement )* COMMA? )? RBRACK   # listPrimary
    | closure                                                      # closurePrimary
    | creator                                                      # creatorPrimary
    | primitiveType ( LBRACK RBRACK )* ( DOT CLASS )?              # primitiveTypePrimary
    ;

listElement
    : MUL expression
    | expression
    ;

mapEntry
    : mapKey COLON nls expression
    | SPREAD_MAP expression
    ;

mapKey
    : identifier
    | keyword
    | stringLiteral
    | gstring
    | INTEGER_LITERAL
    | FLOAT_LITERAL
    | LPAREN expression RPAREN
    ;

creator
    : NEW nls ( primitiveType | qualifiedClassName typeArguments? ) ( arguments classBody? | arrayDimensions arrayInitializer? )
    ;

arrayDimensions
    : ( LBRACK expression? RBRACK )+
    ;

arrayInitializer
    : LBRACE ( expression ( COMMA nls expression )* COMMA? )? RBRACE
    ;

closure
    : LBRACE nls ( closureParameters? nls ARROW )? blockBody RBRACE
    ;

closureParameters
    : formalParameter ( COMMA nls formalParameter )*
    ;

expressionList
    : expression ( COMMA nls expression )*
    ;

literal
    : INTEGER_LITERAL
    | FLOAT_LITERAL
    | stringLiteral
    | TRUE
    | FALSE
    | NULL
    ;

stringLiteral
    : SQ_STRING
    | TSQ_STRING
    | DQ_STRING
    | UNTERMINATED_SQ
    | UNTERMINATED_TSQ
    ;

gstring
    : DQ_BEGIN ( DQ_TEXT | DQ_PATH | DQ_EXPR gstringExpression RBRACE )* ( DQ_END | DQ_UNTERMINATED )
    | TDQ_BEGIN ( TDQ_TEXT | TDQ_QUOTE | TDQ_PATH | TDQ_EXPR gstringExpression RBRACE )* TDQ_END
    | SLASHY_BEGIN ( SLASHY_TEXT | SLASHY_PATH | SLASHY_EXPR gstringExpression RBRACE )* SLASHY_END
    | DSLASHY_BEGIN ( DSLASHY_TEXT | DSLASHY_PATH | DSLASHY_EXPR gstringExpression RBRACE )* DSLASHY_END
    ;

// `${x}`, `${ a ? b : c }`, `${}`, `${readFile file: 'x'}`, `${a; b}` (the last value counts);
// `${-> x}` is a lazy closure.
gstringExpression
    : sep? ( ARROW nls )? ( statement ( sep statement )* sep? )?
    ;

identifier
    : IDENTIFIER
    | CMD_IDENTIFIER
    ;

keyword
    : ABSTRACT | AS | ASSERT | BREAK | CASE | CATCH | CLASS | CONST | CONTINUE | DEF | DEFAULT | DO
    | ELSE | ENUM | EXTENDS | FINAL | FINALLY | FOR | GOTO | IF | IMPLEMENTS | IMPORT | IN
    | INSTANCEOF | INTERFACE | NATIVE | NEW | PACKAGE | PRIVATE | PROTECTED | PUBLIC | RETURN
    | STATIC | STRICTFP | SUPER | SWITCH | SYNCHRONIZED | THIS | THROW | THROWS | TRANSIENT | TRY
    | VOID | VOLATILE | WHILE | TRUE | FALSE | NULL
    | BOOLEAN_TYPE | BYTE_TYPE | CHAR_TYPE | SHORT_TYPE | INT_TYPE | LONG_TYPE | FLOAT_TYPE | DOUBLE_TYPE
    ;
