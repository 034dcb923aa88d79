# Sourced by the bench scripts, never run: make_project APP DIR writes a Maven project as the
# archetype generates it (its pom.xml and .mvn/) with bench/apps/APP's world.wit and app.py, for
# the plugin version $VERSION. Run from the repository's root.
# shellcheck shell=bash

make_project() {
  local app=$1 dir=$2
  rm -rf "$dir"
  mkdir -p "$dir/src/main/wit" "$dir/src/main/python"
  cp "bench/apps/$app/world.wit" "$dir/src/main/wit/"
  cp "bench/apps/$app/app.py" "$dir/src/main/python/"
  cp -r archetype/src/main/resources/archetype-resources/.mvn "$dir/"
  sed -e "s/\${groupId}/bench/" -e "s/\${artifactId}/$app/" -e "s/\${version}/1.0/" \
    -e "s/@project.version@/$VERSION/" archetype/src/main/resources/archetype-resources/pom.xml \
    >"$dir/pom.xml"
}
