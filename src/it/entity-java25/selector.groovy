// Runs where the Java 25 JDK is (the build machines have it); CI must not skip it silently.
def javac = new File('/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac')
if (javac.canExecute()) return true
if (System.getenv('CI') == 'true') throw new IllegalStateException("entity-java25 needs ${javac}, which CI machines have")
println "entity-java25 skipped: no ${javac}"
return false
