"""Event assembly, the code behind the `detente_events` component (`detente.nlp.events`).

Modules by concern, each importing only those before it: `rules` (the
typed assembly.yaml and the draft record), `syntax` (dependency-tree
helpers), `parties` (actor and recipient), `filters` (what is not an
event), `timing` (date, terms and place), and `build` (`assemble`). The
package itself imports nothing, so importing one module does not pull in
the others.
"""
