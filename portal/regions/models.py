# The kraje themselves are taxonomy.Region snippets; region pages store nothing of their own.
