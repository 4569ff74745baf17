"""Files on disk: input digests, the build cache, the staged output folder and its atomic swap."""
