### The help page (`/help`); each module brings its own topics in its own files.

help-title = Hilfe
nav-help = Hilfe
help-intro = Hier ist erklärt, was die Bereiche von Standort tun, die Sie öffnen können. Der Link „Hilfe“ oben auf jeder Seite führt zum Abschnitt des Bereichs, in dem Sie gerade sind.
help-contents = Inhalt der Hilfe
