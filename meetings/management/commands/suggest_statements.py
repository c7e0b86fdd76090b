from .suggest import Command as SuggestCommand


class Command(SuggestCommand):
    help = f"The former name of `suggest`, kept for scripts that call it. {SuggestCommand.help}"
