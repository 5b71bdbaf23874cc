"""The last stage: atomic writes into the output folder, the manifest that skips unchanged languages, the
workers that build languages side by side, and `init`'s scaffold."""
