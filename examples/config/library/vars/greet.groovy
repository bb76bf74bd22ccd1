// A shared library global variable: greet('name') in a Jenkinsfile.
def call(String name) {
    echo "Hello, ${name}, from the example library"
}
