### The help page (`/help`); each module brings its own topics in its own files.

help-title = Help
nav-help = Help
help-intro = This page explains what the areas of Standort that you can open do. The "Help" link at the top of every page leads to the section of the area you are in.
help-contents = Contents of the help
