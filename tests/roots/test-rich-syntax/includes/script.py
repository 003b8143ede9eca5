import sys

# <main>
def main():
	print("tab-indented")
# </main>
