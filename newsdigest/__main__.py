from newsdigest.cli import command

command()
